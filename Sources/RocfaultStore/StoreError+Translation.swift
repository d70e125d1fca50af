import Foundation
internal import GRDB

extension StoreError {
    /// Maps any error thrown while working on the database at `path` to a store error.
    init(translating error: any Error, path: String) {
        switch error {
        case let error as StoreError:
            self = error
        case let error as DatabaseError:
            self.init(Self.code(for: error), path: path, detail: Self.detail(for: error))
        case is DecodingError, is EncodingError, is RowDecodingError, is ColumnValueError:
            self.init(.invalidData, path: path, detail: String(describing: error))
        default:
            self.init(.sqlite, path: path, detail: String(describing: error))
        }
    }

    /// Maps a POSIX `errno` from opening or creating a file to a store error.
    init(errno number: Int32, path: String, doing action: String) {
        let reason = String(cString: strerror(number))
        let code: Code =
            switch number {
            case ENOENT, ENOTDIR: .notFound
            case EACCES, EPERM, EROFS: .permissionDenied
            case ENOSPC: .diskFull
            default: .io
            }
        self.init(code, path: path, detail: "\(action): \(reason)")
    }

    private static func code(for error: DatabaseError) -> Code {
        if error.extendedResultCode == .SQLITE_READONLY_DIRECTORY {
            return .permissionDenied
        }
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .corrupt
        case .SQLITE_PERM, .SQLITE_AUTH, .SQLITE_CANTOPEN: return .permissionDenied
        case .SQLITE_READONLY: return .readOnly
        case .SQLITE_CONSTRAINT: return .constraintViolation
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy
        case .SQLITE_FULL: return .diskFull
        case .SQLITE_IOERR: return .io
        case .SQLITE_MISMATCH, .SQLITE_TOOBIG, .SQLITE_RANGE: return .invalidData
        default: return .sqlite
        }
    }

    private static func detail(for error: DatabaseError) -> String {
        let message = error.message ?? "no message"
        return "SQLite error \(error.extendedResultCode.rawValue): \(message)"
    }
}
