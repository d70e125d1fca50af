/// The one place the version lives: `rocfault --version`, `rocfaultd --version` and the version
/// `rocfault report` writes into a bundle all read it.
package enum RocfaultVersion {
    /// The release, `MAJOR.MINOR.PATCH`.
    package static let current = "0.1.0"
}
