//! Differential test against libxml2 (`xmllint --schema`, package libxml2-utils): the
//! government's samples, their unsigned variants and generated mutations must get the same
//! verdict from both validators, and the same first-error line on at least 90% of the invalid
//! ones.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use esocial_schema::{Options, validate};

/// One file to judge: its bytes, the schema folder xmllint uses, and whether the signature is
/// required.
struct Case {
    name: String,
    xml: String,
    require_signature: bool,
}

/// xmllint's verdict on one file.
#[derive(Debug)]
struct Verdict {
    valid: bool,
    first_line: Option<u32>,
}

fn signature_optional_copy(esocial: &Path, out: &Path) {
    for entry in fs::read_dir(esocial).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if !name.starts_with("v_S_") {
            continue;
        }
        for (suffix, optional) in [("", false), ("_optional", true)] {
            let folder = out.join(format!("{name}{suffix}"));
            fs::create_dir_all(&folder).unwrap();
            for file in fs::read_dir(entry.path()).unwrap() {
                let file = file.unwrap().path();
                if file.extension().is_some_and(|e| e == "xsd") {
                    let text = fs::read_to_string(&file).unwrap();
                    let text = if optional {
                        text.replace(
                            "<xs:element ref=\"ds:Signature\" />",
                            "<xs:element ref=\"ds:Signature\" minOccurs=\"0\" />",
                        )
                    } else {
                        text
                    };
                    fs::write(folder.join(file.file_name().unwrap()), text).unwrap();
                }
            }
        }
    }
}

/// The schema file of an event's root namespace (`None` for an unknown layout: any schema then
/// rejects the root).
fn schema_for(xml: &str, schemas: &Path, require_signature: bool) -> PathBuf {
    static NAMESPACE: OnceLock<regex::Regex> = OnceLock::new();
    let re = NAMESPACE
        .get_or_init(|| regex::Regex::new(r"schema/evt/(\w+)/(v_S_\d\d_\d\d_\d\d)").unwrap());
    let suffix = if require_signature { "" } else { "_optional" };
    if let Some(caps) = re.captures(xml) {
        let path = schemas
            .join(format!("{}{suffix}", &caps[2]))
            .join(format!("{}.xsd", &caps[1]));
        if path.exists() {
            return path;
        }
    }
    schemas
        .join(format!("v_S_01_03_00{suffix}"))
        .join("evtRemun.xsd")
}

fn run_xmllint(schema: &Path, files: &[PathBuf]) -> BTreeMap<PathBuf, Verdict> {
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema)
        .args(files)
        .output()
        .expect("xmllint runs (install libxml2-utils: `make schema-tools`)");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut verdicts: BTreeMap<PathBuf, Verdict> = BTreeMap::new();
    for file in files {
        verdicts.insert(
            file.clone(),
            Verdict {
                valid: false,
                first_line: None,
            },
        );
    }
    for line in stderr.lines() {
        if let Some(file) = line.strip_suffix(" validates") {
            if let Some(v) = verdicts.get_mut(Path::new(file)) {
                v.valid = true;
            }
            continue;
        }
        let mut parts = line.splitn(3, ':');
        let (Some(file), Some(number)) = (parts.next(), parts.next()) else {
            continue;
        };
        if let (Some(v), Ok(number)) = (verdicts.get_mut(Path::new(file)), number.parse::<u32>()) {
            v.first_line.get_or_insert(number);
        }
    }
    verdicts
}

fn leaf(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim();
    let rest = trimmed.strip_prefix('<')?;
    let close = rest.find('>')?;
    let name = &rest[..close];
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let value = rest[close + 1..].strip_suffix(&format!("</{name}>"))?;
    (!value.contains('<')).then_some((name, value))
}

fn replace_value(line: &str, name: &str, value: &str) -> String {
    let indent = &line[..line.len() - line.trim_start().len()];
    format!("{indent}<{name}>{value}</{name}>")
}

fn unsigned(xml: &str) -> String {
    static SIGNATURE: OnceLock<regex::Regex> = OnceLock::new();
    let re =
        SIGNATURE.get_or_init(|| regex::Regex::new(r"(?s)\s*<Signature\b.*</Signature>").unwrap());
    re.replace(xml, "").into_owned()
}

/// Mutations of one unsigned sample, each with a label.
fn mutations(name: &str, xml: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = xml.lines().collect();
    let leaves: Vec<usize> = (0..lines.len())
        .filter(|&i| leaf(lines[i]).is_some())
        .collect();
    let mut out = Vec::new();
    let with = |i: usize, replacement: Vec<String>| {
        let mut copy: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        copy.splice(i..=i, replacement);
        copy.join("\n")
    };
    let step = (leaves.len() / 6).max(1);
    for (k, &i) in leaves.iter().enumerate().step_by(step) {
        let line = lines[i];
        let (tag, value) = leaf(line).unwrap();
        let mut values = vec![
            ("overlong", format!("{value}{}", "9".repeat(120))),
            ("letters", "ABC".to_owned()),
            ("empty", String::new()),
            ("spaces", format!(" {value} ")),
            ("negative", format!("-{value}")),
            ("leading-zero", format!("0{value}")),
            ("newline", format!("{value}&#10;x")),
            ("unicode-digits", "١٢".to_owned()),
            ("blank", "   ".to_owned()),
            ("comment", format!(" <!-- c --> {value}")),
            ("cdata", format!("<![CDATA[{value}]]>")),
            ("reference", format!("&#32;{value}&amp;")),
            ("crlf", format!("{value}\r\n")),
        ];
        if value.contains('.') {
            values.push(("fraction", format!("{value}123")));
        }
        if value.len() == 10 && value.as_bytes()[4] == b'-' {
            values.push(("feb29", "2023-02-29".to_owned()));
            values.push(("leap", "2024-02-29".to_owned()));
            values.push(("month13", format!("{}13{}", &value[..5], &value[7..])));
            values.push(("tz", format!("{value}-03:00")));
        }
        if value.len() == 7 && value.as_bytes()[4] == b'-' {
            values.push(("month13", format!("{}-13", &value[..4])));
        }
        for (label, new_value) in values {
            out.push((
                format!("{name}.{k}.{tag}.{label}"),
                with(i, vec![replace_value(line, tag, &new_value)]),
            ));
        }
        out.push((format!("{name}.{k}.{tag}.deleted"), with(i, vec![])));
        out.push((
            format!("{name}.{k}.{tag}.duplicated"),
            with(i, vec![line.to_owned(), line.to_owned()]),
        ));
        out.push((
            format!("{name}.{k}.{tag}.unknown"),
            with(
                i,
                vec![
                    line.to_owned(),
                    replace_value(line, "campoDesconhecido", "1"),
                ],
            ),
        ));
        if let Some(&next) = leaves.get(k + 1)
            && next == i + 1
            && leaf(lines[next]).unwrap().0 != tag
        {
            let mut copy: Vec<&str> = lines.clone();
            copy.swap(i, next);
            out.push((format!("{name}.{k}.{tag}.swapped"), copy.join("\n")));
        }
    }
    // Whole groups: every third `<group>` line alone, deleted with its subtree or duplicated.
    let groups: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            let t = lines[i].trim();
            t.len() > 2
                && t.starts_with('<')
                && t.ends_with('>')
                && !t.contains(' ')
                && !t.contains('/')
        })
        .collect();
    for (k, &i) in groups.iter().enumerate().skip(1).step_by(3) {
        let open = lines[i].trim();
        let close = format!("</{}", &open[1..]);
        if let Some(end) = (i + 1..lines.len()).find(|&j| lines[j].trim() == close) {
            let mut deleted = lines.clone();
            deleted.drain(i..=end);
            out.push((format!("{name}.group{k}.deleted"), deleted.join("\n")));
            let mut doubled = lines.clone();
            let block: Vec<&str> = lines[i..=end].to_vec();
            let after = end + 1;
            doubled.splice(after..after, block);
            out.push((format!("{name}.group{k}.duplicated"), doubled.join("\n")));
        }
    }
    // The event's Id attribute: a bad value, removed, an unknown attribute beside it.
    out.push((
        format!("{name}.id-short"),
        xml.replacen("Id=\"ID", "Id=\"ID12", 1)
            .replacen("Id=\"ID12", "Id=\"X", 1),
    ));
    out.push((
        format!("{name}.id-spaces"),
        xml.replacen("Id=\"", "Id=\" ", 1),
    ));
    if let Some(at) = xml.find(" Id=\"") {
        let end = xml[at + 5..].find('"').map_or(at, |e| at + 6 + e);
        out.push((
            format!("{name}.id-removed"),
            format!("{}{}", &xml[..at], &xml[end..]),
        ));
        out.push((
            format!("{name}.attr-unknown"),
            format!("{} versao=\"1\"{}", &xml[..at], &xml[at..]),
        ));
    }
    out.push((format!("{name}.crlf-file"), xml.replace('\n', "\r\n")));
    out.push((format!("{name}.tabs"), xml.replace("    ", "\t")));
    out.push((
        format!("{name}.unknown-layout"),
        xml.replacen("v_S_01_0", "v_S_01_9", 1),
    ));
    out
}

#[test]
fn verdicts_agree_with_libxml2() {
    let Some(esocial) = esocial_schema_gen::esocial_dir() else {
        eprintln!("SKIPPED: ../shared/esocial is absent (set ESOCIAL_DIR to the XSD folder)");
        return;
    };
    let work = std::env::temp_dir().join(format!("esocial-schema-diff-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    let schemas = work.join("schemas");
    let files = work.join("files");
    fs::create_dir_all(&files).unwrap();
    signature_optional_copy(&esocial, &schemas);

    let mut cases = Vec::new();
    let mut samples: Vec<_> = fs::read_dir(esocial.join("exemplos"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    samples.sort();
    for path in &samples {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let xml = fs::read_to_string(path).unwrap();
        let bare = unsigned(&xml);
        cases.push(Case {
            name: format!("{name}.signed"),
            xml: xml.clone(),
            require_signature: false,
        });
        cases.push(Case {
            name: format!("{name}.signed-required"),
            xml: xml.clone(),
            require_signature: true,
        });
        cases.push(Case {
            name: format!("{name}.unsigned-required"),
            xml: bare.clone(),
            require_signature: true,
        });
        for (label, mutated) in mutations(&name, &bare) {
            cases.push(Case {
                name: label,
                xml: mutated,
                require_signature: false,
            });
        }
    }

    let mut groups: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    let mut paths = Vec::new();
    for case in &cases {
        let path = files.join(format!("{}.xml", case.name));
        fs::write(&path, &case.xml).unwrap();
        groups
            .entry(schema_for(&case.xml, &schemas, case.require_signature))
            .or_default()
            .push(path.clone());
        paths.push(path);
    }
    let mut verdicts = BTreeMap::new();
    for (schema, group) in &groups {
        for chunk in group.chunks(200) {
            verdicts.extend(run_xmllint(schema, chunk));
        }
    }

    let (mut disagreements, mut invalid, mut same_line, mut valid_samples) = (Vec::new(), 0, 0, 0);
    let mut line_misses = Vec::new();
    for (case, path) in cases.iter().zip(&paths) {
        let reference = &verdicts[path];
        let options = Options {
            require_signature: case.require_signature,
            ..Options::default()
        };
        let report = validate(case.xml.as_bytes(), &options);
        if report.is_valid() != reference.valid {
            disagreements.push(format!(
                "{}: libxml2 {} (line {:?}), ours {}: {:?}",
                case.name,
                if reference.valid { "valid" } else { "invalid" },
                reference.first_line,
                if report.is_valid() {
                    "valid"
                } else {
                    "invalid"
                },
                report.errors().next().map(ToString::to_string)
            ));
        }
        if case.name.ends_with(".signed") && reference.valid {
            valid_samples += 1;
        }
        if !reference.valid && !report.is_valid() {
            invalid += 1;
            let ours = report.errors().next().map(|f| f.line);
            if ours == reference.first_line {
                same_line += 1;
            } else {
                line_misses.push(format!(
                    "{}: libxml2 {:?}, ours {:?}",
                    case.name, reference.first_line, ours
                ));
            }
        }
    }
    let _ = fs::remove_dir_all(&work);
    println!(
        "{} files, {} invalid, first line equal on {same_line}; {valid_samples} of {} samples valid",
        cases.len(),
        invalid,
        samples.len()
    );
    for miss in line_misses.iter().take(20) {
        println!("line differs: {miss}");
    }
    assert!(
        disagreements.is_empty(),
        "{} verdicts differ:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    assert_eq!(
        (valid_samples, samples.len()),
        (29, 34),
        "the samples' own verdicts"
    );
    assert!(
        same_line * 10 >= invalid * 9,
        "first-error line equal on only {same_line} of {invalid} invalid files"
    );
}
