import Foundation
import StetDiff
import StetText
import Testing

/// Real diffs encoded with `JSONEncoder` validate against `docs/stet.diff.schema.json` (checked by
/// Python's `jsonschema`, draft 2020-12, run as a subprocess).
@Suite struct SchemaTests {
    static func pythonHasJSONSchema() -> Bool {
        run(["python3", "-c", "import jsonschema"], input: Data()).status == 0
    }

    static func run(_ arguments: [String], input: Data) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        do { try process.run() } catch { return (-1, "\(error)") }
        stdin.fileHandleForWriting.write(input)
        try? stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static let validator = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        documents = json.load(sys.stdin)
        errors = [f"{i}: {e.message} at {list(e.absolute_path)}" for i, d in enumerate(documents) for e in validator.iter_errors(d)]
        print("\\n".join(errors[:10]) or f"ok {len(documents)}")
        sys.exit(1 if errors else 0)
        """

    @Test(.enabled(if: pythonHasJSONSchema())) func realDiffsValidate() throws {
        var diffs: [ArticleDiff] = []
        let (old, new) = try SeedTests.versions()
        diffs.append(Differ().diff(old: old, new: new))
        diffs.append(Differ().diff(old: new, new: old))
        diffs.append(Differ().diff(old: old, new: old))
        diffs.append(Differ().diff(old: Document(plainText: ""), new: new))
        var headline = new
        headline.blocks[0].text = "Russia Blames U.K. for 'Terror Attack' on Belgorod"
        diffs.append(Differ().diff(old: new, new: headline))
        for (a, b) in PropertyTests.corpusPairs(limit: 12) { diffs.append(Differ().diff(old: a, new: b)) }
        let data = try JSONEncoder().encode(diffs)
        let schema = Fixtures.packageRoot.appendingPathComponent("docs/stet.diff.schema.json").path
        let result = Self.run(["python3", "-c", Self.validator, schema], input: data)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.hasPrefix("ok"))
    }

    @Test func encodingShape() throws {
        let (old, new) = try SeedTests.versions()
        let diff = Differ().diff(old: old, new: new)
        let object = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(diff)) as? [String: Any])
        #expect(object["schema"] as? String == "stet.diff/1")
        let changes = try #require(object["changes"] as? [[String: Any]])
        let first = try #require(changes.first)
        // Missing values are explicit nulls.
        #expect(first.keys.contains("similarity") && first["similarity"] is NSNull)
        let facet = try #require((first["facets"] as? [[String: Any]])?.first)
        #expect(facet["old"] is NSNull)
        // Round trip.
        let decoded = try JSONDecoder().decode(ArticleDiff.self, from: JSONEncoder().encode(diff))
        #expect(decoded == diff)
    }
}
