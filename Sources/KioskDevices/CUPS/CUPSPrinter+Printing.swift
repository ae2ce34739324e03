import KioskCore

extension CUPSPrinter {
    /// Renders, submits one job and follows it (Get-Job-Attributes) until the printer reports it
    /// completed, aborted or canceled, all within `jobTimeout`. A job still unfinished then is
    /// cancelled, so that it cannot come out later when the kiosk already owes the receipt.
    public func print(_ document: ReceiptDocument) async throws(KioskError) {
        try await print(document, over: CUPSPrintJobTransport(selector: selector, timeoutMilliseconds: connectTimeoutMilliseconds, render: render))
    }

    /// `PrintJobFollower` over `transport`, timed on the printer's clock.
    func print(_ document: ReceiptDocument, over transport: some PrintJobTransport) async throws(KioskError) {
        let stopwatch = Stopwatch(clock)
        guard let submitted = await transport.submit(document, within: jobTimeout) else {
            throw KioskError(.printerUnreachable, "the printer did not take the job within \(jobTimeout.secondsText) (it may still print it)")
        }
        let job = try submitted.get()
        record(job, .pending)
        var follower = PrintJobFollower(timeout: jobTimeout)
        var actions = follower.submitted(now: stopwatch.elapsed)
        while !actions.isEmpty {
            var next: [PrintJobAction] = []
            for action in actions {
                switch action {
                case .observe(let within):
                    let askedAt = stopwatch.elapsed
                    let answer = await transport.observe(job.id, within: within)
                    next += follower.observed(answer, askedAt: askedAt, now: stopwatch.elapsed)
                case .wait(let pause):
                    if !Task.isCancelled { try? await clock.sleep(for: pause) }
                    next += Task.isCancelled ? follower.abandon() : follower.waited(now: stopwatch.elapsed)
                case .record(let state, let reasons):
                    record(job, state, reasons: reasons)
                case .cancelJob:
                    transport.cancel(job.id)
                case .end(let ending):
                    if let failure = Self.failure(of: job, ending, timeout: jobTimeout) { throw failure }
                    return
                }
            }
            actions = next
        }
    }
}
