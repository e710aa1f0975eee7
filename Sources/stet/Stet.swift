import ArgumentParser

@main
struct Stet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stet",
        abstract: "Keep every version of a news article and show what changed, the way an editor would.",
        version: "0.1.0",
        subcommands: [
            SnapshotCommand.self, ListCommand.self, LogCommand.self, ShowCommand.self, DiffCommand.self,
            BlameCommand.self, TimelineCommand.self, ExtractCommand.self, SentencesCommand.self,
            TrackCommand.self, UntrackCommand.self, FollowCommand.self, UnfollowCommand.self, WatchCommand.self,
            StatusCommand.self, ReindexCommand.self, GCCommand.self, ServeCommand.self, HookCommand.self, EvalCommand.self,
            DebugCommand.self,
        ]
    )
}
