/// `n` and the noun, plural unless `n` is 1: "1 epoch", "2 epochs", "0 episodes".
///
/// `plural` defaults to the noun with an "s" (every noun fnas counts so far takes one).
public func counted(_ n: Int, _ noun: String, plural: String? = nil) -> String {
    "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
}
