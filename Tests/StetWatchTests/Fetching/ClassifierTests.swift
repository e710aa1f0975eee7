// Failure classification for errors that are awkward to provoke on loopback; white-box.
// (DNS failures cannot be provoked without a resolver, and NIO's UnknownHost has no public
// initialiser, so the dns mapping is not covered here.)
import Foundation
import NIOCore
import Testing
@testable import StetWatch

@Suite("Failure classification")
struct ClassifierTests {
    struct Odd: Error {}

    @Test("Cancellation is cancellation, socket errors are connection errors, anything else keeps its type name")
    func classification() {
        let policy = FetchPolicy()
        #expect(classify(CancellationError(), policy: policy).0 == .cancelled)
        let (reason, detail) = classify(Odd(), policy: policy)
        guard case .network(let name) = reason else { Issue.record("\(reason)"); return }
        #expect(name.hasSuffix("Odd"))
        #expect(detail.contains("Odd"))
        #expect(classify(IOError(errnoCode: ECONNRESET, reason: "read"), policy: policy).0 == .connection)
    }
}
