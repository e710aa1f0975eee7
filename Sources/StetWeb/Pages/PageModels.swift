// The view models the templates render. Plain structs with stored properties only: swift-mustache
// reads them through `Mirror`. Every string here is raw text; the templates escape it.

struct LayoutModel {
    var title: String
    var content: String
    var feedHref: String?
    var feedTitle: String?
}

struct ErrorModel {
    var heading: String
    var message: String
    var backHref: String
    var backText: String
}

struct ListModel {
    struct SiteOption { var name: String; var selected: Bool }
    struct Row {
        var href: String
        var title: String
        var site: String?
        var versionsText: String
        var changed: String
        var changedISO: String
        var summary: String
        var tags: [Tag]
    }
    var query: String
    var sites: [SiteOption]
    var quotes: Bool
    var figures: Bool
    var today: Bool
    var filtered: Bool
    var countText: String
    var rows: [Row]
    var emptyText: String
}

struct HistoryModel {
    struct Event {
        var isVersion: Bool
        var isFailure: Bool
        var isRevert: Bool
        var number: Int
        var time: String
        var timeISO: String
        var summary: String
        var counts: String?
        var tags: [Tag]
        var versionHref: String?
        var diffHref: String?
    }
    var title: String
    var id: String
    var site: String?
    var url: String?
    var versionsText: String
    var checksText: String?
    var latestDiffHref: String?
    var timelineHref: String
    var feedHref: String
    var apiHref: String
    var noVersions: Bool
    var events: [Event]
}

struct DiffModel {
    struct Facet { var text: String; var kind: String }
    struct Span { var text: String; var equal: Bool; var deleted: Bool; var inserted: Bool }
    struct Item {
        var isContext: Bool = false
        var isCollapsed: Bool = false
        var isChange: Bool = false
        var text: String = ""
        var collapsed: [String] = []
        var collapsedLabel: String = ""
        var kind: String = ""
        var symbol: String = ""
        var action: String = ""
        var minor: Bool = false
        var facets: [Facet] = []
        var isEdited: Bool = false
        var spans: [Span] = []
        var added: [String] = []
        var removed: [String] = []
        var unchanged: [String] = []
    }
    struct Block {
        var isSection: Bool
        var isUnchanged: Bool
        var heading: String
        var removedParagraph: Bool
        var items: [Item]
        var unchangedLabel: String
        var paragraphs: [String]
    }
    var title: String
    var articleHref: String
    var fromNumber: Int
    var toNumber: Int
    var fromHref: String
    var toHref: String
    var fromTime: String
    var fromISO: String
    var toTime: String
    var toISO: String
    var summary: String
    var countsText: String?
    var prevHref: String?
    var nextHref: String?
    var toggleHref: String
    var toggleText: String
    var hiddenMinorText: String?
    var noChanges: Bool
    var blocks: [Block]
    var jsonHref: String
}

struct VersionModel {
    struct Sentence { var text: String; var shade: Int; var origin: String }
    struct Block {
        var isHeadline: Bool = false
        var isHeading: Bool = false
        var isMeta: Bool = false
        var isQuote: Bool = false
        var isItem: Bool = false
        var isParagraph: Bool = false
        var sentences: [Sentence]
    }
    struct LegendItem { var number: Int; var shade: Int; var href: String }
    var articleHref: String
    var number: Int
    var versionCount: Int
    var captured: String
    var capturedISO: String
    var site: String?
    var facts: [String]
    var prevHref: String?
    var prevNumber: Int
    var nextHref: String?
    var nextNumber: Int
    var diffHref: String?
    var hasBlame: Bool
    var legend: [LegendItem]
    var blocks: [Block]
    var url: String?
}

struct TimelineModel {
    struct Event { var version: Int; var change: String; var text: String?; var href: String }
    /// One version's square in an entry's strip: `added`, `edited`, `changed`, `removed`,
    /// `present` or `absent`.
    struct Cell { var version: Int; var state: String; var title: String }
    struct Entry {
        var kind: String
        var label: String?
        var span: String
        var gone: Bool
        var cells: [Cell]
        var events: [Event]
    }
    struct Group { var heading: String; var entries: [Entry]; var emptyText: String }
    var title: String
    var articleHref: String
    var versionsText: String
    var groups: [Group]
}
