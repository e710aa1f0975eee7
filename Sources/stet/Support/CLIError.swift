/// A one-line error for the user; ArgumentParser prints it as `Error: <message>` and exits non-zero.
struct CLIError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
