import Foundation

/// Softmax followed by the mean cross-entropy against integer class labels.
public enum SoftmaxCrossEntropy {
    /// The loss of one batch and its gradient.
    public struct Result: Sendable {
        /// Mean over the batch of `-log softmax(logits)[label]`.
        public var loss: Float
        /// dLoss/dLogits: `(softmax - onehot) / batch`.
        public var gradient: Tensor
        /// Images whose largest logit is their label.
        public var correct: Int
    }

    /// Evaluates the loss on `logits` (`batch x classes x 1 x 1`) for `labels` (one per image,
    /// each in `0..<classes`). The softmax subtracts the row maximum so large logits cannot overflow.
    public static func evaluate(logits: Tensor, labels: [Int]) -> Result {
        let classes = logits.imageSize, batch = logits.batch
        precondition(labels.count == batch, "one label per image")
        var gradient = [Float](repeating: 0, count: logits.count)
        var total = 0.0
        var correct = 0
        logits.data.withUnsafeBufferPointer { z in
            gradient.withUnsafeMutableBufferPointer { g in
                for i in 0..<batch {
                    let row = z.baseAddress! + i * classes
                    let out = g.baseAddress! + i * classes
                    var maxValue = row[0], argmax = 0
                    for j in 1..<classes where row[j] > maxValue { maxValue = row[j]; argmax = j }
                    var sum: Double = 0
                    for j in 0..<classes {
                        let e = Foundation.exp(Double(row[j] - maxValue))
                        out[j] = Float(e)
                        sum += e
                    }
                    let label = labels[i]
                    total += -(Double(row[label] - maxValue) - Foundation.log(sum))
                    if argmax == label { correct += 1 }
                    let scale = Float(1 / (sum * Double(batch)))
                    for j in 0..<classes { out[j] *= scale }
                    out[label] -= 1 / Float(batch)
                }
            }
        }
        return Result(loss: Float(total / Double(batch)),
                      gradient: Tensor(batch: batch, channels: classes, height: 1, width: 1, data: gradient),
                      correct: correct)
    }
}
