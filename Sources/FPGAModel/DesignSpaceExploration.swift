/// How FNAS-Design chooses tilings.
public enum DesignSpaceExploration: String, Sendable, Hashable, Codable, CaseIterable {
    /// The authors' routine: DSPs split by MACs, Tr = Tc = 20, exhaustive Tm x Tn.
    case paper
    /// Also searches Tr, Tc and the DSP split; enforces DSP and BRAM limits.
    case full
}
