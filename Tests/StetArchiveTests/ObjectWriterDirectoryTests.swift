import Foundation
import Testing

@testable import StetArchive

#if canImport(Glibc)
import Glibc
#endif

@Suite struct ObjectWriterDirectoryTests {
    @Test func writerDirectorySharesObjectsHasNoRefsAndLeftoversAreSwept() throws {
        let directory = try TemporaryDirectory()
        let path = directory.child("archive.git")
        let archive = try Archive.open(at: path)
        _ = try archive.snapshot(batch: [textCapture(story(1), minute: 1)])
        let writer = path + "/" + ObjectWriterDirectory.name
        #expect(LazyGitRepository.looksLikeBareRepository(writer))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: writer + "/objects") == "../objects")
        #expect(try FileManager.default.contentsOfDirectory(atPath: writer + "/refs").isEmpty)
        // git sees the archive's refs and objects only.
        let refs = try runGit(["--git-dir", path, "for-each-ref", "--format=%(refname)"])
        #expect(refs.output.split(separator: "\n") == ["refs/heads/articles/example.com/news-story-1"])
        // A half-made writer directory of a killed process goes on the next open.
        let staging = path + "/" + ObjectWriterDirectory.stagingPrefix + "killed"
        try FileManager.default.createDirectory(atPath: staging + "/refs", withIntermediateDirectories: true)
        let reopened = try Archive.open(at: path, create: false)
        #expect(!FileManager.default.fileExists(atPath: staging))
        _ = try reopened.snapshot(batch: [textCapture(story(2), minute: 2), textCapture(story(3), minute: 3)])
        #expect(try reopened.versions(of: "example.com/news-story-1").count == 3)
        // One pack per batch, in the archive's own objects directory.
        let packs = try FileManager.default.contentsOfDirectory(atPath: path + "/objects/pack").filter { $0.hasSuffix(".pack") }
        #expect(packs.count == 2)
        let fsck = try runGit(["--git-dir", path, "fsck", "--full", "--strict"])
        #expect(fsck.status == 0, "\(fsck.output)")
    }
}
