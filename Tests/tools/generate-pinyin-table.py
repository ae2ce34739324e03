#!/usr/bin/env python3
"""Generate Sources/KioskServer/UI/pinyin-table.js, the pinyin -> characters table
used by the on-screen Chinese name keyboard (pinyin-keyboard.js).

Run it once when the table has to change; the output is committed. It needs no
network at run time and only the Python 3 standard library.

Sources (both Debian packages, bookworm):

  rime-data-pinyin-simp 0.0~git20230104.52b9c75-1   (Apache-2.0)
      /usr/share/rime-data/pinyin_simp.dict.yaml
      "character <TAB> toneless pinyin <TAB> weight" for 16 470 characters,
      derived from the Android Pinyin IME dictionary. The weight is a
      per-reading usage frequency (单 dan 12374, 单 shan 47): it orders the
      candidates and is the primary source of readings.

  unicode-data 15.0.0-1   (Unicode License)
      /usr/share/unicode/Unihan_Readings.txt.bz2  (Unihan database 15.0)
      Readings for every character the IME dictionary lacks (堃 骉 and
      ~10 000 rare CJK characters that names may use) from kTGHZ2013
      (通用规范汉字字典 2013), kXHC1983 (现代汉语词典) and kMandarin;
      kTGHZ2013 also adds modern readings the IME dictionary misses.
      kHanyuPinlu (现代汉语频率词典 per-reading counts) breaks ties.

How to get the sources without installing anything (no emacs etc. pulled in):

    mkdir -p /tmp/pinyin-src && cd /tmp/pinyin-src
    apt-get update && apt-get download rime-data-pinyin-simp unicode-data
    for d in *.deb; do dpkg-deb -x "$d" root; done

  or install them: apt-get install rime-data-pinyin-simp unicode-data

How to run (from the repository root):

    python3 Tests/tools/generate-pinyin-table.py --root /tmp/pinyin-src/root
    python3 Tests/tools/generate-pinyin-table.py            # packages installed in /
    python3 Tests/UITests/check_pinyin_table.py             # then check the result

--root is the file-system root the packages were installed or extracted
under; package versions are read from usr/share/doc/<package>/changelog.Debian.gz
there and written into the output's header line.

Output: `window.PINYIN_TABLE = {"a":"阿啊…", …};` with toneless syllables as keys
(ü written v: "lv", "nv", "lve", "nve"; the IME dictionary's "lue"/"nue" are
rewritten), values the candidate characters. A character is listed under each of
its readings. Order of the characters under one syllable:

  1. Common surnames read with this syllable: the 100 most common surnames
     (SURNAMES_TOP100 below, in rank order) come first, so 张 leads "zhang",
     王 "wang", 李 "li" (the IME frequency alone would put 里 before 李).
  2. GB2312 level 1 characters (the 3 755 common ones), by descending IME
     weight for this reading.
  3. GB2312 level 2 characters, same order.
  4. Other characters of the 通用规范汉字表 (2013 Table of General Standard
     Chinese Characters, i.e. those with a kTGHZ2013 reading), which new
     names must use: 堃 喆 玥 璟 昇 骉 ..., same order.
  5. Every other character in CJK Unified Ideographs (U+4E00-U+9FFF) and
     Extension A (U+3400-U+4DBF), plus 〇, same order (traditional forms,
     old and rare characters still found in older residents' names).
  Ties (and readings with no IME weight): kHanyuPinlu count descending, then
  the basic block before Extension A, then GB18030 byte order (which is
  GB2312 order inside GB2312).
  After that, SURNAME_READINGS_EXTRA (polyphonic characters whose surname
  reading is rare in running text, e.g. 单 shan, 仇 qiu) are moved up to the
  last place of the first page (8 candidates) when they would be further down.

Characters without any reading are dropped; Extension B and later (4-byte UTF-8,
poor font coverage) are left out. Output is deterministic: same input files,
byte-identical output.
"""

import argparse
import bz2
import glob
import gzip
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "Sources", "KioskServer", "UI", "pinyin-table.js")

RIME_PKG = "rime-data-pinyin-simp"
RIME_DICT = "usr/share/rime-data/pinyin_simp.dict.yaml"
UNIHAN_PKG = "unicode-data"
UNIHAN_READINGS = "usr/share/unicode/Unihan_Readings.txt.bz2"

PAGE_SIZE = 8  # candidates per page in pinyin-keyboard.js

# The 100 most common Chinese surnames in rank order (Ministry of Public Security
# household-registration statistics as listed in the keyboard's brief), each with
# the reading used for the surname. No packaged source has surname frequencies,
# so this explicit list is the surname boost.
SURNAMES_TOP100 = (
    "王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou "
    "徐xu 孙sun 马ma 朱zhu 胡hu 郭guo 何he 高gao 林lin 罗luo "
    "郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao "
    "彭peng 曾zeng 肖xiao 田tian 董dong 袁yuan 潘pan 于yu 蒋jiang 蔡cai "
    "余yu 杜du 叶ye 程cheng 苏su 魏wei 吕lv 丁ding 任ren 沈shen "
    "姚yao 卢lu 姜jiang 崔cui 钟zhong 谭tan 陆lu 汪wang 范fan 金jin "
    "石shi 廖liao 贾jia 夏xia 韦wei 付fu 方fang 白bai 邹zou 孟meng "
    "熊xiong 秦qin 邱qiu 江jiang 尹yin 薛xue 闫yan 段duan 雷lei 侯hou "
    "龙long 史shi 陶tao 黎li 贺he 顾gu 毛mao 郝hao 龚gong 邵shao "
    "万wan 钱qian 严yan 覃qin 武wu 戴dai 莫mo 孔kong 向xiang 汤tang"
).split()

# Surname readings of polyphonic characters that running-text frequency ranks low
# (单 is mostly dan, 仇 mostly chou, ...). Kept within the first page only.
SURNAME_READINGS_EXTRA = (
    "单shan 仇qiu 解xie 区ou 朴piao 查zha 盖ge 尉yu 缪miao 翟zhai "
    "乐yue 种chong 召shao 繁po 员yun 秘bi 华hua 曲qu"
).split()


def split_entry(entry):
    m = re.fullmatch(r"(.)([a-z]+)", entry)
    if not m:
        raise SystemExit("bad surname entry %r" % entry)
    return m.group(1), m.group(2)


def normalise(reading):
    """Toned or toneless pinyin -> toneless lowercase key, ü as v ('' if unusable)."""
    s = unicodedata.normalize("NFD", reading.strip().lower())
    s = s.replace("u\u0308", "v").replace("ü", "v")
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"^([ln])ue$", r"\1ve", s)
    return s if re.fullmatch(r"[a-z]+", s) else ""


def package_version(root, package):
    path = os.path.join(root, "usr/share/doc", package, "changelog.Debian.gz")
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            first = f.readline()
    except OSError:
        raise SystemExit("cannot read %s: is %s installed or extracted under --root %s?"
                         % (path, package, root))
    m = re.match(r"\S+ \(([^)]+)\)", first)
    if not m:
        raise SystemExit("cannot parse the version in %s" % path)
    return m.group(1)


def in_scope(ch):
    cp = ord(ch)
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or ch == "\u3007"


def gb2312_level(ch):
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return 3
    if len(b) != 2 or b[0] < 0xB0:
        return 3  # symbols, not hanzi
    return 1 if b[0] <= 0xD7 else 2


def gb18030_key(ch):
    return ch.encode("gb18030")


def read_rime(path):
    """{char: {syllable: weight}} from a Rime dict.yaml (single characters only)."""
    table = {}
    with open(path, encoding="utf-8") as f:
        body = False
        for line in f:
            line = line.rstrip("\n")
            if not body:
                body = line == "..."
                continue
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < 2 or len(fields[0]) != 1 or not in_scope(fields[0]):
                continue
            syl = normalise(fields[1])
            if not syl:
                continue
            weight = int(fields[2]) if len(fields) > 2 and fields[2].isdigit() else 0
            readings = table.setdefault(fields[0], {})
            readings[syl] = max(weight, readings.get(syl, 0))
    return table


def read_unihan(path):
    """{char: {field: [syllables...]}} and {(char, syllable): pinlu count}."""
    fields_wanted = ("kTGHZ2013", "kXHC1983", "kMandarin", "kHanyuPinlu")
    data = {}
    pinlu = {}
    with bz2.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("U+"):
                continue
            code, field, value = line.rstrip("\n").split("\t", 2)
            if field not in fields_wanted:
                continue
            ch = chr(int(code[2:], 16))
            if not in_scope(ch):
                continue
            syls = []
            if field == "kMandarin":
                syls = [normalise(r) for r in value.split()]
            elif field == "kHanyuPinlu":
                for item in value.split():
                    m = re.fullmatch(r"(.+)\((\d+)\)", item)
                    if m and normalise(m.group(1)):
                        s = normalise(m.group(1))
                        syls.append(s)
                        pinlu[(ch, s)] = pinlu.get((ch, s), 0) + int(m.group(2))
            else:  # kTGHZ2013 / kXHC1983: "page.pos[,page.pos]:reading ..."
                for item in value.split():
                    syls.extend(normalise(r) for r in item.rsplit(":", 1)[-1].split(","))
            syls = [s for s in syls if s]
            if syls:
                lst = data.setdefault(ch, {}).setdefault(field, [])
                lst.extend(s for s in syls if s not in lst)
    return data, pinlu


def build(rime, unihan, pinlu):
    """{syllable: {char: weight}} with the readings of every character."""
    readings = {}  # char -> {syl: weight}
    for ch, syls in rime.items():
        readings[ch] = dict(syls)
    for ch, fields in unihan.items():
        if ch in readings:
            extra = fields.get("kTGHZ2013", [])
        else:
            extra = []
            for field in ("kTGHZ2013", "kXHC1983", "kMandarin"):
                extra.extend(s for s in fields.get(field, []) if s not in extra)
        for s in extra:
            readings.setdefault(ch, {}).setdefault(s, 0)
    by_syl = {}
    for ch, syls in readings.items():
        for s, w in syls.items():
            by_syl.setdefault(s, {})[ch] = w
    return by_syl


def order(by_syl, pinlu, standard):
    top = {}
    for rank, entry in enumerate(SURNAMES_TOP100):
        ch, syl = split_entry(entry)
        top.setdefault(syl, {})[ch] = rank
    out = {}
    for syl in sorted(by_syl):
        chars = by_syl[syl]
        boosted = top.get(syl, {})
        for ch in boosted:
            if ch not in chars:
                raise SystemExit("surname %s has no reading %s in the sources" % (ch, syl))

        def key(ch):
            if ch in boosted:
                return (0, boosted[ch], b"")
            level = gb2312_level(ch)
            if level == 3 and ch not in standard:
                level = 4
            ext_a = 0x3400 <= ord(ch) <= 0x4DBF
            return (level, -chars[ch], -pinlu.get((ch, syl), 0), ext_a, gb18030_key(ch))

        out[syl] = sorted(chars, key=key)
    for entry in SURNAME_READINGS_EXTRA:
        ch, syl = split_entry(entry)
        lst = out.get(syl, [])
        if ch not in lst:
            raise SystemExit("surname %s has no reading %s in the sources" % (ch, syl))
        if lst.index(ch) >= PAGE_SIZE:
            lst.remove(ch)
            lst.insert(PAGE_SIZE - 1, ch)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default="/", help="file-system root holding the two packages (default /)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output file (default %(default)s)")
    args = ap.parse_args()

    rime_path = os.path.join(args.root, RIME_DICT)
    unihan_path = os.path.join(args.root, UNIHAN_READINGS)
    for p in (rime_path, unihan_path):
        if not os.path.isfile(p):
            raise SystemExit("missing %s; see the top of this script for how to get it" % p)
    rime_version = package_version(args.root, RIME_PKG)
    unihan_version = package_version(args.root, UNIHAN_PKG)

    rime = read_rime(rime_path)
    unihan, pinlu = read_unihan(unihan_path)
    standard = {ch for ch, fields in unihan.items() if "kTGHZ2013" in fields}
    table = order(build(rime, unihan, pinlu), pinlu, standard)

    header = ("// Generated by Tests/tools/generate-pinyin-table.py from Debian packages "
              "%s %s (pinyin_simp.dict.yaml) and %s %s (Unihan_Readings.txt); do not edit.\n"
              % (RIME_PKG, rime_version, UNIHAN_PKG, unihan_version))
    body = json.dumps({s: "".join(cs) for s, cs in table.items()},
                      ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # One syllable per line keeps diffs readable.
    body = body.replace(',"', ',\n"').replace('{"', '{\n"', 1)
    text = header + "window.PINYIN_TABLE = " + body[:-1] + "\n};\n"
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    nchars = len({c for cs in table.values() for c in cs})
    print("wrote %s: %d bytes, %d syllables, %d characters, %d entries"
          % (args.out, len(text.encode("utf-8")), len(table), nchars,
             sum(len(cs) for cs in table.values())))


if __name__ == "__main__":
    sys.exit(main())
