//! The `totvs_taf._native` extension module: thin pyo3 wrappers over taf-core. The Python
//! package `totvs_taf` re-exports it together with its exceptions and enums.
//!
//! Layout: one module per concept of the cores, named as in taf-core — the wire
//! (`query` encoders, `reply` decoders, `page`), the client side (`endpoint`,
//! `policy`, `paging`, `tracker`, `outcome`), the predictions (`preflight`,
//! `checker`, `schema`), the `emulator` and the Totvs Live connector (`live`). No
//! protocol rule lives here: a wrapper converts arguments, calls the core and converts the
//! answer; `convert` and `errors` hold the conversions every wrapper shares. The parts
//! written in Python (the urllib `Client`, the lote helpers) live in `python/totvs_taf/`; the
//! only threads are `preflight`'s, which check a lote's chunks with the GIL released.

mod checker;
mod convert;
mod emulator;
mod endpoint;
mod errors;
mod live;
mod outcome;
mod page;
mod paging;
mod policy;
mod preflight;
mod query;
mod reply;
mod schema;
mod tracker;

use pyo3::prelude::*;

/// The extension module.
#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_function(wrap_pyfunction!(reply::decode_post, module)?)?;
    module.add_function(wrap_pyfunction!(reply::decode_get, module)?)?;
    module.add_function(wrap_pyfunction!(reply::decode_delete, module)?)?;
    module.add_function(wrap_pyfunction!(query::encode_post_request, module)?)?;
    module.add_function(wrap_pyfunction!(query::encode_delete_request, module)?)?;
    module.add_class::<reply::PyErrorEntry>()?;
    module.add_class::<reply::PyFault>()?;
    module.add_class::<reply::PyKeyResult>()?;
    module.add_class::<reply::PyPostResponse>()?;
    module.add_class::<reply::PyDeleteResponse>()?;
    module.add_class::<page::PyGetPage>()?;
    module.add_class::<page::PyItems>()?;
    module.add_class::<page::PyItemIterator>()?;
    module.add_class::<page::PyStreamingError>()?;
    module.add_class::<page::PyProcessedItem>()?;
    module.add_class::<page::PyPendingItem>()?;
    module.add_class::<page::PyNotFoundItem>()?;
    module.add_class::<query::PyGetQuery>()?;
    module.add_class::<paging::PyPaginator>()?;
    module.add_class::<paging::PyDuplicate>()?;
    module.add_class::<emulator::PyEmulator>()?;
    module.add_class::<emulator::PyJobReport>()?;
    module.add_class::<outcome::PyUnknownOutcome>()?;
    module.add_function(wrap_pyfunction!(preflight::preflight, module)?)?;
    module.add_function(wrap_pyfunction!(preflight::build_lotes, module)?)?;
    module.add_function(wrap_pyfunction!(preflight::sniff_event, module)?)?;
    module.add_class::<preflight::PyFinding>()?;
    module.add_class::<preflight::PyVerdict>()?;
    module.add_function(wrap_pyfunction!(schema::validate_event, module)?)?;
    module.add_class::<schema::PySchemaFinding>()?;
    module.add_class::<schema::PySchemaReport>()?;
    module.add_class::<checker::PyPreflight>()?;
    module.add_function(wrap_pyfunction!(checker::lote_summary, module)?)?;
    module.add_class::<endpoint::PyEndpoint>()?;
    module.add_class::<endpoint::PyHttpRequest>()?;
    module.add_class::<policy::PyStatusPolicy>()?;
    module.add_class::<policy::PyDecision>()?;
    module.add_class::<tracker::PyTracker>()?;
    module.add_class::<tracker::PyKeyState>()?;
    module.add_class::<tracker::PyTrackReport>()?;
    module.add_class::<live::PyLiveRequest>()?;
    module.add_class::<live::PyStatusItem>()?;
    module.add_class::<live::PyOutboundTicket>()?;
    module.add_class::<live::PySession>()?;
    module.add_class::<live::PyFinished>()?;
    for function in [
        wrap_pyfunction!(live::status_request, module)?,
        wrap_pyfunction!(live::access_key_request, module)?,
        wrap_pyfunction!(live::stores_request, module)?,
        wrap_pyfunction!(live::customer_request, module)?,
        wrap_pyfunction!(live::confirm_request, module)?,
        wrap_pyfunction!(live::parse_status, module)?,
        wrap_pyfunction!(live::parse_access_key, module)?,
        wrap_pyfunction!(live::parse_stores, module)?,
        wrap_pyfunction!(live::parse_customers, module)?,
        wrap_pyfunction!(live::parse_confirmation, module)?,
        wrap_pyfunction!(live::py_process_status, module)?,
        wrap_pyfunction!(live::capsule, module)?,
        wrap_pyfunction!(live::ticket_number_of, module)?,
    ] {
        module.add_function(function)?;
    }
    Ok(())
}
