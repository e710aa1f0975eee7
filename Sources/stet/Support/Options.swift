import ArgumentParser
import Foundation
import StetRender

// The options most commands share. Commands declare them through `@OptionGroup` (ArchiveOptions,
// OutputOptions), except the read commands that run most often (`stet log`), which declare the same
// options with the same help directly (see `ArchiveLocation`, `OutputSettings`): ArgumentParser
// reflects over every option group type, and the Swift runtime's first lookup of each of those
// types' conformances (ParsableArguments, ParsableCommand, CustomReflectable, CodingKey for its
// keys) scans every conformance record of this large binary, ~1 ms of start-up per group.

/// `--archive`: where the archive lives.
enum ArchiveLocation {
    static let help = ArgumentHelp("The archive (a bare git repository).", valueName: "path")

    /// `archive` (`--archive PATH`), else `$STET_ARCHIVE`, else `./.stet/archive.git`.
    static func path(_ archive: String?) -> String {
        if let archive, !archive.isEmpty { return archive }
        if let fromEnvironment = environment("STET_ARCHIVE"), !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return ".stet/archive.git"
    }
}

/// Where the archive lives: `--archive PATH`, else `$STET_ARCHIVE`, else `./.stet/archive.git`.
struct ArchiveOptions: ParsableArguments {
    @Option(name: .long, help: ArchiveLocation.help)
    var archive: String?

    var path: String { ArchiveLocation.path(archive) }
}

extension OutputFormat: ExpressibleByArgument {}

/// `--color`'s values.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// `--format` and `--color` once parsed, and what they mean for rendering.
struct OutputSettings {
    static let formatHelp: ArgumentHelp = "Output format: text, json, markdown or html."
    static let colorHelp: ArgumentHelp = "Colors in text output: auto (a terminal without NO_COLOR), always or never."

    var format: OutputFormat
    var color: ColorChoice

    /// Whether text output gets ANSI colors: never when `NO_COLOR` is set (https://no-color.org)
    /// or standard output is not a terminal, unless `--color always`.
    var useColors: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment("NO_COLOR"), !noColor.isEmpty { return false }
            return isatty(STDOUT_FILENO) == 1
        }
    }

    /// The terminal width, or 100 when it cannot be known.
    var width: Int {
        if let columns = environment("COLUMNS").flatMap(Int.init), columns > 20 { return columns }
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 {
            return Int(size.ws_col)
        }
        return 100
    }

    var renderOptions: RenderOptions {
        RenderOptions(colors: useColors, width: width)
    }
}

/// `--format` and `--color`, shared by every command that prints results.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: OutputSettings.formatHelp)
    var format: OutputFormat = .text

    @Option(name: .long, help: OutputSettings.colorHelp)
    var color: ColorChoice = .auto

    var settings: OutputSettings { OutputSettings(format: format, color: color) }
    var useColors: Bool { settings.useColors }
    var width: Int { settings.width }
    var renderOptions: RenderOptions { settings.renderOptions }
}

/// One environment variable. `getenv`, not `ProcessInfo.processInfo.environment`, which copies
/// the whole environment into a dictionary on every call (~0.3 M instructions each).
func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}

/// Writes a rendered result to standard output, ending with exactly one newline.
func emit(_ text: String) {
    if text.hasSuffix("\n") { print(text, terminator: "") } else { print(text) }
}
