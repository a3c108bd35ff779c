//! Import and export of other quiz formats (Moodle GIFT, Aiken, Moodle XML), one file per format.
