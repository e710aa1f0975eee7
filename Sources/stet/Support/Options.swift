import ArgumentParser
import Foundation
import StetRender

/// Where the archive lives: `--archive PATH`, else `$STET_ARCHIVE`, else `./.stet/archive.git`.
struct ArchiveOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The archive (a bare git repository).", valueName: "path"))
    var archive: String?

    var path: String {
        if let archive, !archive.isEmpty { return archive }
        if let fromEnvironment = ProcessInfo.processInfo.environment["STET_ARCHIVE"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return ".stet/archive.git"
    }
}

extension OutputFormat: ExpressibleByArgument {}

/// `--format` and `--color`, shared by every command that prints results.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text, json, markdown or html.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Colors in text output: auto (a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    /// Whether text output gets ANSI colors: never when `NO_COLOR` is set (https://no-color.org)
    /// or standard output is not a terminal, unless `--color always`.
    var useColors: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
            return isatty(STDOUT_FILENO) == 1
        }
    }

    /// The terminal width, or 100 when it cannot be known.
    var width: Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 {
            return Int(size.ws_col)
        }
        return 100
    }
}

/// Writes a rendered result to standard output, ending with exactly one newline.
func emit(_ text: String) {
    if text.hasSuffix("\n") { print(text, terminator: "") } else { print(text) }
}
