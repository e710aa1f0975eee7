// The watcher's view of storage: what it reads (due targets) and what it writes (one record per
// completed check), plus the sink that turns fetched pages into archived versions. The lead
// implements both over the archive; the watcher never sees the archive itself.

import Foundation

/// What a target is.
public enum TargetKind: String, Sendable, Hashable, Codable {
    /// An article page: its bytes go to the ``CaptureSink``.
    case article
    /// An RSS or Atom feed: its items become tracked articles.
    case feed
}

/// A tracked URL as the store hands it to the watcher.
public struct WatchTarget: Sendable, Hashable {
    /// The store's key for the target (stable across URL changes).
    public var id: String
    /// The URL to fetch.
    public var url: URL
    /// Article or feed.
    public var kind: TargetKind
    /// Validators from the last successful fetch.
    public var validators: Validators
    /// The schedule's memory.
    public var schedule: ScheduleState
    /// ``Watcher/digest(_:)`` of the last body received, if any (used to tell a changed feed).
    public var lastDigest: String?

    /// Creates a target.
    public init(id: String, url: URL, kind: TargetKind = .article, validators: Validators = Validators(),
                schedule: ScheduleState, lastDigest: String? = nil) {
        self.id = id
        self.url = url
        self.kind = kind
        self.validators = validators
        self.schedule = schedule
        self.lastDigest = lastDigest
    }
}

/// What the archive did with a captured page.
public enum CaptureDecision: Sendable, Hashable, Codable {
    /// A new version was stored; `version` is the archive's name for it (e.g. a commit id).
    case newVersion(version: String?)
    /// The content is the same as the latest stored version.
    case unchanged
    /// The page was not stored (not an article, extraction failed, …); `reason` says why.
    case rejected(reason: String)
}

/// Receives every article page fetched; the lead implements it with the archive's snapshot.
public protocol CaptureSink: Sendable {
    /// Stores `page` (fetched for `target`) if its content is new.
    /// Throwing records the check as failed with the error's description; throwing
    /// `CancellationError` records nothing.
    func capture(_ page: FetchedPage, for target: WatchTarget) async throws -> CaptureDecision
}

/// What one completed check found.
public enum CheckOutcome: Sendable, Hashable {
    /// An article page handed to the sink, and the sink's decision.
    case captured(CaptureDecision)
    /// A 304: the server says nothing changed.
    case notModified
    /// A feed was read; `changed` is true when its bytes differ from the last read.
    case feedRead(changed: Bool)
    /// The fetch failed.
    case failed(FetchFailure)
    /// The page arrived but could not be used (a feed that does not parse, a sink error).
    case unusable(reason: String)
    /// Not sent: the host asked us to wait (Retry-After); the check is postponed, not counted.
    case deferred
}

extension CheckOutcome {
    /// A short stable token for logs (`new-version`, `unchanged`, `not-modified`, `http-503`, …).
    public var shortName: String {
        switch self {
        case .captured(.newVersion): "new-version"
        case .captured(.unchanged): "unchanged"
        case .captured(.rejected): "rejected"
        case .notModified: "not-modified"
        case .feedRead(let changed): changed ? "feed-changed" : "feed-unchanged"
        case .failed(let f): f.reason.shortName
        case .unusable: "unusable"
        case .deferred: "deferred"
        }
    }
}

/// Everything the store must persist about one completed check, in one call, so that a check is
/// either recorded whole or not at all.
public struct CheckRecord: Sendable, Hashable {
    /// The target's key.
    public var targetID: String
    /// The URL fetched.
    public var url: URL
    /// When the check finished.
    public var checkedAt: Date
    /// What it found.
    public var outcome: CheckOutcome
    /// The final HTTP status, if a response arrived.
    public var status: Int?
    /// The URL after redirects, if the fetch got that far.
    public var finalURL: URL?
    /// The redirect chain followed.
    public var redirects: [RedirectHop]
    /// Body bytes received.
    public var bytes: Int
    /// Wall time of the fetch.
    public var elapsed: Duration
    /// Validators to send next time.
    public var validators: Validators
    /// ``Watcher/digest(_:)`` of the body received, or the previous one if no body came.
    public var digest: String?
    /// The updated schedule state.
    public var schedule: ScheduleState
    /// When to check next.
    public var nextDue: Date
    /// Feed items read (feeds only): the store tracks the ones it does not know yet.
    public var feedItems: [FeedItem]

    /// True when the target is now considered gone (404/410 for long enough).
    public var isGone: Bool { schedule.isGone }

    /// Creates a record.
    public init(targetID: String, url: URL, checkedAt: Date, outcome: CheckOutcome, status: Int?, finalURL: URL?,
                redirects: [RedirectHop], bytes: Int, elapsed: Duration, validators: Validators, digest: String?,
                schedule: ScheduleState, nextDue: Date, feedItems: [FeedItem]) {
        self.targetID = targetID
        self.url = url
        self.checkedAt = checkedAt
        self.outcome = outcome
        self.status = status
        self.finalURL = finalURL
        self.redirects = redirects
        self.bytes = bytes
        self.elapsed = elapsed
        self.validators = validators
        self.digest = digest
        self.schedule = schedule
        self.nextDue = nextDue
        self.feedItems = feedItems
    }
}

/// The watcher's storage: the lead implements it over the archive's index (due times are stored, so
/// a restarted watcher resumes where it stopped).
public protocol WatchStore: Sendable {
    /// Targets due at or before `now`, most overdue first, at most `limit`; gone targets excluded.
    func dueTargets(at now: Date, limit: Int) async throws -> [WatchTarget]
    /// Persists one completed check atomically (state, validators, due time, feed items).
    func record(_ check: CheckRecord) async throws
    /// The earliest due time of any target that is not gone, or `nil` if there is none.
    func nextDueDate() async throws -> Date?
}
