// The ChildTrainer module; see README.md for its role in the architecture.
import CBLAS
