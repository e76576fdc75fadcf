// The CursesBackend module; see README.md for its role in the architecture.
import CNcursesw
