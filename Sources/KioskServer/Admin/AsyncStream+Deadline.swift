extension AsyncStream where Element: Sendable {
    /// The same events, ending once `timeout` has passed on `clock` (or when this stream ends), so a
    /// self-test can wait for a device with a plain `for await` loop.
    func ending(after timeout: Duration, on clock: any Clock<Duration>) -> AsyncStream<Element> {
        let (bounded, continuation) = AsyncStream.makeStream(of: Element.self)
        let forward = Task {
            for await event in self { continuation.yield(event) }
            continuation.finish()
        }
        let deadline = Task {
            try? await clock.sleep(for: timeout)
            continuation.finish()
        }
        continuation.onTermination = { _ in
            forward.cancel()
            deadline.cancel()
        }
        return bounded
    }
}
