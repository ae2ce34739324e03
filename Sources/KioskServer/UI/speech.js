"use strict";
// Spoken prompts: reads each new screen's `prompt` aloud (zh-CN) while the resident has it switched on.
window.KioskSpeech = (() => {
  const synth = "speechSynthesis" in window ? window.speechSynthesis : null;
  let enabled = false;

  function voice() {
    const voices = synth.getVoices();
    return voices.find((v) => /^zh[-_]CN/i.test(v.lang)) || voices.find((v) => /^(zh|cmn)/i.test(v.lang)) || null;
  }

  function speak(text) {
    if (!enabled || !synth || !text) return;
    synth.cancel();
    const u = new SpeechSynthesisUtterance(text);
    u.lang = "zh-CN";
    u.rate = 0.9;
    const v = voice();
    if (v) u.voice = v;
    synth.speak(u);
  }

  function cancel() {
    if (synth) synth.cancel();
  }

  return {
    get enabled() { return enabled; },
    setEnabled(on) {
      enabled = Boolean(on);
      if (!enabled) cancel();
    },
    speak,
    cancel,
  };
})();
