import Foundation
import Testing

@testable import StetArchive

/// The archive read by the git command line (reading only; stet never writes with git).
@Suite struct GitInteropTests {
    @Test func gitReadsTheArchive() throws {
        let directory = try TemporaryDirectory()
        let path = directory.child("archive.git")
        let archive = try Archive.open(at: path, create: true)
        _ = try archive.snapshot(textCapture(story(1)))
        _ = try archive.snapshot(textCapture(story(1, extra: ["The ministry said: \"Repairs are complete.\""]), minute: 5))
        _ = try archive.snapshot(textCapture(story(1), url: "https://example.org/other", minute: 6))
        let versions = try archive.versions(of: "example.com/news-story-1")

        let log = try runGit(["--git-dir", path, "log", "--format=%s|%aI|%an", "refs/heads/articles/example.com/news-story-1"])
        #expect(log.status == 0)
        let lines = log.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first == "\(versions[1].summary)|2023-12-31T19:05:00-05:00|stet")
        #expect(lines.last?.hasPrefix("First version") == true)

        let body = try runGit(["--git-dir", path, "log", "-1", "--format=%B", "refs/heads/articles/example.com/news-story-1"])
        #expect(body.output.contains("Stet-Version: 2"))
        #expect(body.output.contains("Stet-Counts: added=1"))

        let tree = try runGit(["--git-dir", path, "ls-tree", "--name-only", "refs/heads/articles/example.com/news-story-1"])
        #expect(tree.output.split(separator: "\n") == ["article.md", "meta.json", "source.txt"])

        let fsck = try runGit(["--git-dir", path, "fsck", "--strict", "--no-dangling"])
        #expect(fsck.status == 0, "\(fsck.output)")
        #expect(!fsck.output.contains("error"))

        let clone = directory.child("clone")
        let cloned = try runGit(["clone", "--quiet", path, clone])
        #expect(cloned.status == 0, "\(cloned.output)")
        let branches = try runGit(["-C", clone, "branch", "-r", "--format=%(refname:short)"])
        #expect(branches.output.split(separator: "\n").sorted() == ["origin/articles/example.com/news-story-1", "origin/articles/example.org/other"])
    }
}
