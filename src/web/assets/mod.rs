//! The CSS and the script, in the binary. Each is served under a name that
//! holds a hash of its content, so a browser may keep it for good and still
//! never runs an old one.

/// One embedded file.
pub struct Asset {
    pub name: &'static str,
    pub content_type: &'static str,
    pub body: &'static str,
}

pub const CSS: Asset = Asset {
    name: "quiz.css",
    content_type: "text/css; charset=utf-8",
    body: include_str!("quiz.css"),
};

pub const JS: Asset = Asset {
    name: "quiz.js",
    content_type: "text/javascript; charset=utf-8",
    // One file from one module per interaction: the keys, the exam's clock,
    // picking choices, arranging an order, matching.
    body: concat!(
        include_str!("keys.js"),
        include_str!("clock.js"),
        include_str!("choice.js"),
        include_str!("order.js"),
        include_str!("matching.js")
    ),
};

pub const ALL: [&Asset; 2] = [&CSS, &JS];

impl Asset {
    /// `/assets/quiz.0123abcd.css`: the name with the content's FNV-1a hash.
    pub fn path(&self) -> String {
        let hash = self.body.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        let (stem, ext) = self.name.rsplit_once('.').unwrap_or((self.name, ""));
        format!("/assets/{stem}.{:08x}.{ext}", hash as u32)
    }
}
