//! Arbitrary bytes as a report file: every forced kind and detection, then
//! every metric, and again with `--map` pairs. Must never panic, hang or
//! blow up memory. The same bytes with every line end made a CR alone (old
//! Mac exports) are read too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sellerhealth::model::Model;

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&knob, bytes)) = data.split_first() else {
        return;
    };
    let knobs = common::Knobs::from_byte(knob);
    let mut merged = Model::default();
    for forced in common::FORCED {
        let mut model = Model::default();
        common::read_into(bytes, forced, knobs, &mut model);
        common::measure(&model, knobs);
        // The same bytes again into a shared model: merging must hold too.
        common::read_into(bytes, forced, knobs, &mut merged);
    }
    common::measure(&merged, knobs);
    // The same bytes with headers mapped (`--map`), detected and forced.
    for forced in [None, Some(sellerhealth::ingest::header::Kind::Orders)] {
        let mut model = Model::default();
        common::read_into_mapped(bytes, forced, knobs, common::sample_mapping(), &mut model);
        common::measure(&model, knobs);
    }
    // CR-only line ends: read as lines, the same rules.
    let cr = common::cr_only(bytes);
    if cr != bytes {
        let mut model = Model::default();
        common::read_into(&cr, None, knobs, &mut model);
        common::measure(&model, knobs);
    }
});
