//! Generator of `esocial-schema`'s tables: reads the official eSocial XSDs of every layout
//! folder (`v_S_01_0N_00`) and writes Rust tables of simple types (with their facets), complex
//! types (attributes and content models as deterministic automata) and the events of each
//! layout.

mod content;
mod emit;
mod model;
mod pattern;
mod shortcut;
mod simple;
mod xsd;

use std::fs;
use std::path::Path;

fn read(path: &Path) -> Result<xsd::Node, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    xsd::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// `v_S_01_03_00` → `S-1.3`.
fn layout_name(version: &str) -> Option<String> {
    let rest = version.strip_prefix("v_S_")?;
    let mut parts = rest.split('_').map(|part| part.parse::<u32>().ok());
    let (major, minor) = (parts.next()??, parts.next()??);
    Some(format!("S-{major}.{minor}"))
}

/// Generates the tables from the layout folders under `dir` (the `../shared/esocial` folder).
pub fn generate(dir: &Path) -> Result<String, String> {
    let mut versions: Vec<String> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| layout_name(name).is_some())
        .collect();
    versions.sort();
    let mut tables = model::Tables::default();
    let mut layouts = Vec::new();
    for version in versions {
        let folder = dir.join(&version);
        let tipos = read(&folder.join("tipos.xsd"))?;
        let dsig = read(&folder.join("xmldsig-core-schema.xsd"))?;
        let mut files: Vec<_> = fs::read_dir(&folder)
            .map_err(|e| e.to_string())?
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter(|name| {
                name.starts_with("evt")
                    && Path::new(name)
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("xsd"))
            })
            .collect();
        files.sort();
        let mut events = Vec::new();
        for file in files {
            let schema = read(&folder.join(&file))?;
            let namespace = schema.attr("targetNamespace").unwrap_or_default();
            let event = namespace
                .rsplit('/')
                .nth(1)
                .ok_or_else(|| format!("{file}: no event in namespace {namespace:?}"))?
                .to_owned();
            let mut layout = model::Layout::new(&[&tipos, &schema], &dsig);
            let root = layout
                .root(&schema, &mut tables)
                .map_err(|e| format!("{file}: {e}"))?;
            events.push((event, root));
        }
        events.sort();
        let name = layout_name(&version).unwrap_or_default();
        layouts.push((version, name, events));
    }
    Ok(emit::emit(&tables, &layouts))
}

/// The folder of the official schemas: `$ESOCIAL_DIR` if set, else the first `shared/esocial`
/// beside the repository or one of its parent folders (so a git worktree nested deeper finds
/// it too); `None` when there is none.
pub fn esocial_dir() -> Option<std::path::PathBuf> {
    if let Some(dir) = std::env::var_os("ESOCIAL_DIR") {
        let dir = std::path::PathBuf::from(dir);
        return dir.is_dir().then_some(dir);
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .skip(3)
        .map(|parent| parent.join("shared/esocial"))
        .find(|dir| dir.is_dir())
}
