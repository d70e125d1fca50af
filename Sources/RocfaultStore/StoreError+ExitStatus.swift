extension StoreError {
    /// The exit status (`sysexits.h`) of a command that cannot go on without the store, the same in
    /// `rocfaultd` and `rocfault` (docs/daemon.md, "Exit status"):
    /// 65 damaged or foreign data, 66 no database, 77 permission, 74 I/O or disk full, 75 busy,
    /// 70 anything else.
    package var exitStatus: Int32 {
        switch code {
        case .corrupt, .notRocfaultDatabase, .newerSchema, .olderSchema, .constraintViolation, .invalidData: 65
        case .notFound: 66
        case .permissionDenied, .readOnly: 77
        case .io, .diskFull: 74
        case .busy: 75
        case .closed, .sqlite: 70
        }
    }
}
