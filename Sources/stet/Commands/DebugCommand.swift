import ArgumentParser

/// `stet debug …`: views of the internals, for people who tune them.
struct DebugCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug",
        abstract: "Show stet's internals for tuning (the sentence alignment with its scores).",
        subcommands: [DebugAlignCommand.self, GenerateArchiveCommand.self]
    )
}
