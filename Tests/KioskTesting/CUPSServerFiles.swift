import Foundation

/// The configuration of a PrivateCUPSStack's cupsd: everything under its own folder, no
/// authentication (loopback only), no browsing, job history kept, and one raw queue.
///
/// Every directive is checked against cupsd.conf(5) and cups-files.conf(5) of CUPS 2.4: cupsd
/// treats an unknown or misplaced directive as fatal. The job and subscription privacy directives
/// are valid only inside a <Policy> section ("DIRECTIVES VALID WITHIN POLICY SECTIONS").
enum CUPSServerFiles {
    struct Paths {
        var cupsdConf: String
        var cupsFilesConf: String
    }

    static func write(in directory: TemporaryDirectory, port: UInt16, queue: String, deviceURI: String) throws -> Paths {
        let root = directory.path
        for folder in ["etc", "etc/ppd", "etc/ssl", "spool", "spool/tmp", "cache", "state", "log"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        // Backends and filters run as lp: it must reach the spool through the temporary folder.
        guard chmod(root, 0o755) == 0 else { throw TestFixtureError("chmod \(root): errno \(errno)") }
        let cupsFiles = try directory.write("cups-files.conf", """
            ServerRoot \(root)/etc
            RequestRoot \(root)/spool
            TempDir \(root)/spool/tmp
            CacheDir \(root)/cache
            StateDir \(root)/state
            DataDir /usr/share/cups
            ServerBin /usr/lib/cups
            DocumentRoot /usr/share/cups/doc-root
            AccessLog \(root)/log/access_log
            ErrorLog \(root)/log/error_log
            PageLog \(root)/log/page_log
            User lp
            Group lp
            SystemGroup root
            FileDevice No
            Sandboxing Relaxed

            """)
        let cupsd = try directory.write("cupsd.conf", """
            LogLevel info
            Listen 127.0.0.1:\(port)
            Browsing No
            BrowseLocalProtocols none
            DefaultAuthType None
            DefaultEncryption Never
            WebInterface No
            PreserveJobHistory Yes
            PreserveJobFiles No
            <Location />
              Order allow,deny
              Allow all
            </Location>
            <Policy default>
              JobPrivateAccess all
              JobPrivateValues none
              SubscriptionPrivateAccess all
              SubscriptionPrivateValues none
              <Limit All>
                Order deny,allow
              </Limit>
            </Policy>

            """)
        // A raw queue (no PPD): the document goes to the printer as it is.
        try directory.write("etc/printers.conf", """
            <Printer \(queue)>
            Info Kiosk test queue
            DeviceURI \(deviceURI)
            State Idle
            StateTime 0
            Accepting Yes
            Shared No
            JobSheets none none
            ErrorPolicy abort-job
            OpPolicy default
            </Printer>

            """)
        for name in ["raw.types", "raw.convs"] where FileManager.default.fileExists(atPath: "/etc/cups/" + name) {
            let target = root + "/etc/" + name
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.copyItem(atPath: "/etc/cups/" + name, toPath: target)
        }
        return Paths(cupsdConf: cupsd, cupsFilesConf: cupsFiles)
    }
}
