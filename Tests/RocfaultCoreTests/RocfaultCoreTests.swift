// Core tests.
