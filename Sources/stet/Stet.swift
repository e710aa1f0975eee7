import ArgumentParser

@main
struct Stet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stet",
        abstract: "Keep every version of a news article and show what changed, the way an editor would.",
        subcommands: [SentencesCommand.self]
    )
}
