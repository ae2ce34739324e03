import KioskCore
import KioskTesting
import Testing

@Suite("EventFanOut: the kiosk's one fan-out")
struct EventFanOutTests {
    @Test("each subscriber gets its initial events, then every event; finish ends them all")
    func fansOut() async {
        let fanOut = EventFanOut<Int>()
        let first = fanOut.subscribe(initial: [0])
        let second = fanOut.subscribe()
        fanOut.publish(1)
        fanOut.publish(2)
        fanOut.finish()
        #expect(await Array(first) == [0, 1, 2])
        #expect(await Array(second) == [1, 2])
        #expect(!fanOut.hasSubscribers)
    }

    @Test("a subscriber after finish gets its initial events and its stream ends (it used to wait for ever)", .timeLimit(.minutes(1)))
    func subscribeAfterFinish() async {
        let fanOut = EventFanOut<Int>()
        fanOut.finish()
        #expect(await Array(fanOut.subscribe(initial: [7])) == [7])
    }

    @Test("a subscriber that stops reading is forgotten")
    func forgetsStoppedReaders() async throws {
        let fanOut = EventFanOut<Int>()
        let reader = Task { for await _ in fanOut.subscribe() {} }
        try await waitUntil("subscribed") { fanOut.hasSubscribers }
        reader.cancel()
        await reader.value
        #expect(!fanOut.hasSubscribers)
    }
}

extension Array {
    init<S: AsyncSequence>(_ sequence: S) async where S.Element == Element, S.Failure == Never {
        var elements: [Element] = []
        for await element in sequence { elements.append(element) }
        self = elements
    }
}
