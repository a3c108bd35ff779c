//! Rendering tests of the screen on ratatui's TestBackend.
