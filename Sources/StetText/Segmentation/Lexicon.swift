// The word lists behind the segmenter's abbreviation handling.
//
// A period after a word is a sentence end unless the word is an abbreviation, and even then it may
// be one ("... at Pitt, Briggs & Co. It closed"). The lists sort abbreviations by how they behave
// before a capitalized word, which is the only case where the decision is hard:
//
// - `titles` come before a name and never end a sentence (`Sen. Warren`, `Dr. Fauci`).
// - `numberPrefixes` are abbreviations only before a figure (`No. 5`); elsewhere "No." is a word.
// - `inner` are abbreviations that live inside a sentence (`vs.`, `e.g.`, `cf.`); never a boundary.
// - `general` (companies, months, states, units, places, citations) end a sentence only when the
//   next word is a typical sentence opener from `sentenceStarters` (`Co. It closed` splits,
//   `Inc. Chief Executive` does not).
// - `timeOfDay` (a.m., p.m.) has its own rule in the scanner (see `BoundaryScanner`).
//
// Lookups are exact-case for words that are ordinary English words in lower case ("art", "sun",
// "no", "mar"), and case-insensitive for the rest. All sets are built once; every lookup is a
// hash of a short word, O(length of the word).

enum Lexicon {
    /// Titles that precede a name. Case-sensitive (capitalized form).
    static let titles: Set<String> = [
        "Mr", "Mrs", "Ms", "Mx", "Messrs", "Mmes", "Mme", "Mlle", "Dr", "Drs", "Prof", "Profs",
        "Gen", "Gens", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Lt", "Col", "Capt", "Cmdr", "Cdr",
        "Comdr", "Cmdt", "Sgt", "Cpl", "Pvt", "Pfc", "Spc", "Adm", "Maj", "Brig", "Rev", "Revs", "Hon",
        "Pres", "Supt", "Det", "Insp", "Atty", "Msgr", "Fr", "Sra", "Srta", "Amb", "Asst", "Ald", "Lieut",
        "Cong", "Sup", "Commr", "Comr",
    ]

    /// Abbreviations that only count as such before a figure (`No. 5`, `Nos. 3 and 4`).
    static let numberPrefixes: Set<String> = ["No", "Nos", "no", "nos", "Nr", "nr", "N°", "Nº", "n°", "nº"]

    /// Abbreviations that never end a sentence. Compared in lower case; multi-period ones without
    /// their final period (`e.g`).
    static let inner: Set<String> = [
        "vs", "cf", "viz", "approx", "ca", "incl", "e.g", "i.e", "resp", "w.r.t",
    ]

    /// Abbreviations that end a sentence only before a sentence opener. Compared in lower case.
    static let general: Set<String> = [
        // Companies and organizations.
        "co", "cos", "corp", "inc", "ltd", "bros", "assn", "assoc", "dept", "depts", "div", "univ",
        "inst", "intl", "natl", "govt", "admin", "mfg", "mgr", "mgmt", "dir", "treas", "secy",
        // Names and places.
        "jr", "sr", "st", "ste", "mt", "ft", "ave", "blvd", "rd", "hwy", "rte", "rt", "apt", "bldg", "pl",
        "sq", "twp", "dist", "cty", "pkwy", "ln", "ct", "terr", "hts",
        // Months and weekdays.
        "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "tues", "thu", "thur", "thurs", "fri",
        // US states in AP style (two-letter postal codes take no period).
        "ala", "ariz", "calif", "colo", "conn", "fla", "ga", "ind", "kan", "kans", "ky",
        "md", "mich", "minn", "mont", "neb", "nev", "okla", "penn", "tenn", "tex", "vt", "wis",
        "wyo", "dak", "va",
        // Citations and documents.
        "al", "fig", "figs", "eq", "eqs", "vol", "vols", "pp", "para", "paras", "ch", "chap", "sec", "secs",
        "ed", "eds", "esp", "ref", "refs", "abbr", "misc", "ext", "tel", "est", "op",
        "pg", "pgs", "bk", "ps", "exh", "cl", "sch",
        // Units and measures.
        "hr", "hrs", "min", "mins", "yr", "yrs", "mo", "mos", "wk", "wks", "lb", "lbs", "oz", "pt", "pts",
        "qt", "mi", "cu", "tbsp", "tsp", "doz", "avg", "pct",
    ]

    /// Abbreviations that are ordinary words in lower case; only the capitalized form is an
    /// abbreviation (`Art. 5`, `Mar. 3`, `Sun. Times`). Case-sensitive, behave like `general`.
    static let capitalizedGeneral: Set<String> = [
        "Art", "Arts", "Mar", "Sat", "Sun", "Wed", "Del", "La", "Pa", "Mass", "Miss", "Wash", "Ill", "Ore",
        "Ark", "Cal",
    ]

    /// Every entry of the abbreviation lists above that is ASCII and at most eight bytes long,
    /// lowercased and packed into an integer (`packed(_:)`): a period after a word whose lowercased
    /// form is not here (and not longer than `longestASCIIEntry`) ends in no listed abbreviation, so
    /// the scanner skips the five set lookups and the `String`s they need.
    static let packedEntries: Set<UInt64> = asciiEntries.packed

    /// The length in bytes of the longest ASCII entry of those lists.
    static let longestASCIIEntry: Int = asciiEntries.longest

    private static let asciiEntries: (packed: Set<UInt64>, longest: Int) = {
        var packedWords: Set<UInt64> = []
        var longest = 0
        for list in [titles, numberPrefixes, inner, general, capitalizedGeneral] {
            for word in list where word.utf8.allSatisfy({ $0 < 0x80 }) {
                longest = max(longest, word.utf8.count)
                if word.utf8.count <= 8 { packedWords.insert(packed(word.utf8)) }
            }
        }
        return (packedWords, longest)
    }()

    /// ASCII bytes (at most eight), lowercased, packed into an integer (no entry holds a zero byte).
    static func packed<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            value |= UInt64(lower) << shift
            shift += 8
        }
        return value
    }

    /// Brand names written with an exclamation mark that does not end the sentence (`Yahoo! News`).
    static let exclamationNames: Set<String> = ["Yahoo", "Jeopardy", "Yum", "E", "Wham"]

    /// Words that typically open an English sentence; after a `general` abbreviation they mark a
    /// boundary. Function words only: a proper noun after "Co." or "U.S." usually continues the name.
    static let sentenceStarters: Set<String> = [
        "A", "An", "The", "This", "That", "These", "Those", "There", "Here", "He", "She", "It", "They",
        "We", "I", "You", "His", "Her", "Its", "Their", "Our", "My", "Your", "Him", "Them", "But", "And",
        "Or", "Nor", "So", "Yet", "However", "Meanwhile", "Still", "Also", "Then", "Now", "Thus", "Hence",
        "Therefore", "Instead", "Nevertheless", "Nonetheless", "Moreover", "Furthermore", "Besides",
        "Although", "Though", "While", "Whereas", "When", "Whenever", "Where", "What", "Whatever", "Why",
        "How", "Who", "Whom", "Whose", "Which", "If", "Unless", "In", "On", "At", "For", "As", "After",
        "Before", "Since", "During", "Because", "Until", "With", "Without", "From", "To", "By", "Of",
        "Under", "Over", "Among", "About", "Despite", "Many", "Most", "Much", "Some", "Several", "Few",
        "Both", "Each", "Every", "All", "Any", "None", "No", "Not", "Neither", "Either", "One", "Being",
        "Did", "Does", "Do", "Is", "Are", "Was", "Were", "Has", "Have", "Had", "Will", "Would", "Can",
        "Could", "Should", "Shall", "May", "Might", "Must", "Millions", "Thousands", "Hundreds", "More",
        "Such", "Other", "Others", "Another", "Last", "Next", "Earlier", "Later", "Today", "Yesterday",
        "Tomorrow", "Tonight", "Mr", "Mrs", "Ms", "According", "Please", "Let", "Yes", "Even", "Only",
        "Just", "Once", "Perhaps", "Maybe", "Indeed", "Overall", "Finally", "Officials",
    ]

    /// Words that continue a time of day (`9:20 a.m. ET`, `10 a.m. Tuesday`, `6 p.m. Jan. 5`).
    static let afterTimeOfDay: Set<String> = [
        "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "AKST", "AKDT",
        "HST", "GMT", "UTC", "BST", "CET", "CEST", "EET", "EEST", "WET", "WEST", "IST", "JST", "KST",
        "AEST", "AEDT", "ACST", "AWST", "NZST", "NZDT", "HKT", "SGT", "MSK", "Z",
        "Eastern", "Central", "Mountain", "Pacific", "Atlantic", "Greenwich", "local", "Local",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
        "Sept", "Oct", "Nov", "Dec",
    ]

    /// Lower-case words allowed in a fronted time phrase (`At 5 a.m.`, `Shortly before 6 p.m.`):
    /// prepositions, articles and time adverbs, none of them a verb.
    static let timePhraseWords: Set<String> = [
        "at", "by", "on", "in", "around", "about", "until", "till", "before", "after", "from", "since",
        "shortly", "just", "early", "late", "the", "of", "and", "to", "between", "or", "nearly",
        "approximately", "roughly", "some", "soon", "starting", "beginning", "as",
        "a", "an", "this", "that", "last", "next", "every", "each", "morning", "evening", "night",
        "afternoon", "today", "yesterday", "tomorrow", "tonight", "updated", "update", "posted",
        "published",
    ]

    /// Verbs of saying that follow a quotation in an attribution (`"Why?" Smith asked.`).
    static let speechVerbs: Set<String> = [
        "said", "says", "asked", "asks", "added", "adds", "told", "tells", "wrote", "writes", "replied",
        "replies", "shouted", "shouts", "yelled", "yells", "screamed", "screams", "cried", "cries",
        "exclaimed", "exclaims", "wondered", "wonders", "tweeted", "tweets", "posted", "posts",
        "explained", "explains", "continued", "continues", "recalled", "recalls", "insisted", "insists",
        "demanded", "demands", "noted", "notes", "answered", "answers", "whispered", "whispers",
        "laughed", "laughs", "joked", "jokes", "quipped", "quips", "declared", "declares", "responded",
        "responds", "countered", "counters", "argued", "argues", "pleaded", "pleads", "urged", "urges",
        "warned", "warns", "chanted", "chant", "chants", "sang", "sings", "read", "reads", "stated",
        "states", "remarked", "remarks", "mused", "muses",
    ]
}
