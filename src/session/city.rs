//! The district files a city comparison reads, for both front ends. District files are read
//! through `storage::city::read_district` (private snapshots): never changed or locked.

use std::path::{Path, PathBuf};

use crate::domain::city::{District, Rejected};
use crate::storage::city::{file_date, plan_files_in, read_district};

/// The files named, a folder standing for the plan files in it (.eduplan, and plan texts in
/// .json as in sample_plans/).
pub fn district_files(args: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for a in args {
        if !a.is_dir() {
            out.push(a.clone());
            continue;
        }
        out.extend(plan_files_in(a).map_err(|e| e.to_string())?);
        let mut texts: Vec<PathBuf> = std::fs::read_dir(a)
            .map_err(|e| format!("无法读取文件夹“{}”：{e}", a.display()))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                    && is_plan_text(p)
            })
            .collect();
        texts.sort();
        out.extend(texts);
    }
    Ok(out)
}

fn is_plan_text(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 256];
    std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .is_ok_and(|n| String::from_utf8_lossy(&head[..n]).contains("eduplan-plan-text"))
}

/// Read the districts: plan files through private snapshots (never changed or locked), plan
/// texts (.json) as text; files that cannot be compared are listed with the reason.
pub fn read_district_files(paths: &[PathBuf]) -> (Vec<District>, Vec<Rejected>) {
    let mut read = Vec::new();
    let mut rejected = Vec::new();
    for path in paths {
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let result = if is_json {
            crate::exchange::plan_text::read_plan_text(path)
                .map(|plan| District::new(&path.display().to_string(), plan, file_date(path)))
                .map_err(|e| e.to_string())
        } else {
            read_district(path).map_err(|e| e.to_string())
        };
        match result {
            Ok(d) => read.push(d),
            Err(reason) => rejected.push(Rejected {
                source: path.display().to_string(),
                reason,
            }),
        }
    }
    let (kept, mut more) = crate::domain::city::admit(read);
    rejected.append(&mut more);
    (kept, rejected)
}
