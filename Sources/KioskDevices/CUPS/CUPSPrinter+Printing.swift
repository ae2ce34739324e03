import KioskCore

extension CUPSPrinter {
    /// Renders, submits one job and follows it (Get-Job-Attributes) until the printer reports it
    /// completed, aborted or canceled, all within `jobTimeout`. A job still unfinished then is
    /// cancelled, so that it cannot come out later when the kiosk already owes the receipt.
    public func print(_ document: ReceiptDocument) async throws(KioskError) {
        let deadline = ContinuousClock.now + jobTimeout
        let queue = BlockingCallQueue(label: "kioskd.cups.job")
        let channel = CUPSJobChannel(selector: selector, timeoutMilliseconds: connectTimeoutMilliseconds)
        let render = self.render
        guard let submitted = await queue.run(until: deadline, { channel.submit(document, render: render) }) else {
            channel.abandon()
            throw KioskError(.printerUnreachable, "the printer did not take the job within \(jobTimeout.secondsText) (it may still print it)")
        }
        let job = try submitted.get()
        record(job, .pending)
        try await follow(job, queue: queue, channel: channel, deadline: deadline)
    }

    /// Polls until the job is final or the deadline passes. A poll that fails is not the end: the
    /// job may still print (libcups reconnects on the next request), so only the deadline ends it.
    private func follow(_ job: CUPSJobChannel.Submitted, queue: BlockingCallQueue, channel: CUPSJobChannel, deadline: ContinuousClock.Instant) async throws(KioskError) {
        var pause = Duration.milliseconds(5)
        var last: CUPSJobChannel.Observation?
        var silence: String?
        while true {
            let asked = ContinuousClock.now
            guard let answer = await queue.run(until: deadline, { channel.observe(job.id) }) else {
                // A look taken at the deadline itself had no time to get an answer: that is no silence.
                if asked.duration(to: deadline) > .milliseconds(50) { silence = "the printer stopped answering" }
                break
            }
            switch answer {
            case .failure(let failure):
                silence = "the printer stopped answering: \(failure.message)"
            case .success(let seen):
                silence = nil
                last = seen
                if let state = seen.job.state {
                    record(job, state, reasons: seen.job.reasons)
                    if state.isFinal { return try Self.outcome(of: job, state: state, seen) }
                }
            }
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { break }
            if Task.isCancelled {
                queue.send { channel.cancel(job.id) }
                throw KioskError(.printFailed, "job \(job.id): printing was cancelled while it was \(last?.job.state?.description ?? "pending")")
            }
            try? await Task.sleep(for: min(pause, remaining))
            // At most 20 ms behind the printer: the resident waits for "take your receipt" on this,
            // and a poll is one small IPP request to the (usually local) CUPS server.
            pause = min(pause * 2, .milliseconds(20))
        }
        queue.send { channel.cancel(job.id) }
        throw Self.timedOut(job, last: last, silence: silence, after: jobTimeout)
    }
}
