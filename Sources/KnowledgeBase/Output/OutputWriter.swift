import Foundation

/// One generated file: a path relative to the output folder and its bytes.
public struct OutputFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}

public enum OutputError: Error, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): return "\(path): error: kan niet schrijven: \(reason)"
        }
    }
}

/// Writes the whole site into a fresh folder beside the output, then swaps it in, so readers
/// and a failed build never see a half-written public/.
public enum OutputWriter {
    public static func replace(_ output: URL, with files: [OutputFile]) throws {
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).kb-new-\(ProcessInfo.processInfo.processIdentifier)")
        let retired = parent.appendingPathComponent(".\(output.lastPathComponent).kb-old-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: staging)
        try? fm.removeItem(at: retired)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            let folders = Set(files.map { ($0.path as NSString).deletingLastPathComponent }).filter { !$0.isEmpty }
            for folder in folders.sorted() {
                try fm.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            var failure: Error?
            let lock = NSLock()
            DispatchQueue.concurrentPerform(iterations: files.count) { index in
                let file = files[index]
                do {
                    try Data(file.bytes).write(to: staging.appendingPathComponent(file.path))
                } catch {
                    lock.lock()
                    failure = failure ?? OutputError.cannotWrite(path: file.path, reason: error.localizedDescription)
                    lock.unlock()
                }
            }
            if let failure { throw failure }
            // Keep a .gitkeep the project put there, so the folder stays in git.
            if fm.fileExists(atPath: output.appendingPathComponent(".gitkeep").path) {
                fm.createFile(atPath: staging.appendingPathComponent(".gitkeep").path, contents: Data())
            }
            if fm.fileExists(atPath: output.path) {
                try fm.moveItem(at: output, to: retired)
            }
            try fm.moveItem(at: staging, to: output)
            try? fm.removeItem(at: retired)
        } catch {
            try? fm.removeItem(at: staging)
            if !fm.fileExists(atPath: output.path), fm.fileExists(atPath: retired.path) {
                try? fm.moveItem(at: retired, to: output)
            }
            throw error as? OutputError ?? OutputError.cannotWrite(path: output.path, reason: "\(error)")
        }
    }
}
