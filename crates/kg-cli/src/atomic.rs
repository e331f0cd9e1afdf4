//! Atomic output: a file, or a folder of files, is written beside its destination under a
//! temporary name, synced, then renamed into place, so the destination is either untouched
//! or complete, never half-written.

use anyhow::{bail, Context, Result};
use std::ffi::OsString;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder a path is in (`.` for a bare name) and its last component.
fn split(path: &Path, flag: &str) -> Result<(PathBuf, OsString)> {
    let name = path
        .file_name()
        .with_context(|| format!("{flag} {}: not a file name", path.display()))?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((folder, name.to_os_string()))
}

/// A hidden name beside `name`, unique to this process and this call: `.NAME.kg-PID-N.WHAT`
/// (two threads of one process, the tests', may write the same file at once).
fn beside(folder: &Path, name: &OsString, what: &str) -> PathBuf {
    static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut temp = OsString::from(".");
    temp.push(name);
    temp.push(format!(".kg-{}-{n}.{what}", std::process::id()));
    folder.join(temp)
}

/// Writes the file at `path` with `fill`, atomically (see the module).
pub fn write_file<E>(path: &Path, fill: impl FnOnce(&mut File) -> Result<(), E>) -> Result<()>
where
    E: Into<anyhow::Error>,
{
    let (folder, name) = split(path, "-o")?;
    let temp = beside(&folder, &name, "tmp");
    let written = (|| -> Result<()> {
        let mut file = File::create(&temp)?;
        fill(&mut file).map_err(Into::into)?;
        file.flush()?;
        file.sync_all()?;
        std::fs::rename(&temp, path)?;
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}

/// Writes `bytes` to the file at `path`, atomically (see the module).
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file(path, |file| file.write_all(bytes))
}

/// Writes `bytes` to the file at `path` under a temporary name and renames it, without
/// waiting for the disk: for a file that verifies itself when read (a cache's snapshot),
/// which a crash may leave short or empty, never half of one version and half of another.
pub fn write_bytes_unsynced(path: &Path, bytes: &[u8]) -> Result<()> {
    let (folder, name) = split(path, "cache")?;
    let temp = beside(&folder, &name, "tmp");
    let written = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}

/// Creates the folder `dir` with `fill` (which writes files into the folder it is given),
/// atomically: all its files land or none. An existing `dir` that is not empty is replaced
/// only with `force`.
pub fn write_folder(dir: &Path, force: bool, fill: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let (folder, name) = split(dir, "--out")?;
    let exists = match std::fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => {
            bail!("--out {}: exists and is not a folder", dir.display())
        }
        Ok(_) => true,
        Err(_) => false,
    };
    if exists && !force {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "--out {}: the folder exists and is not empty; add --force to replace it",
                dir.display()
            );
        }
    }
    let temp = beside(&folder, &name, "tmp");
    let _ = std::fs::remove_dir_all(&temp);
    let written = (|| -> Result<()> {
        std::fs::create_dir(&temp)?;
        fill(&temp)?;
        if exists {
            // Swap: the old folder aside, the new one in, then the old one away.
            let old = beside(&folder, &name, "old");
            let _ = std::fs::remove_dir_all(&old);
            std::fs::rename(dir, &old)?;
            if let Err(e) = std::fs::rename(&temp, dir) {
                let _ = std::fs::rename(&old, dir);
                return Err(e.into());
            }
            std::fs::remove_dir_all(&old)?;
        } else {
            std::fs::rename(&temp, dir)?;
        }
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&temp);
        return Err(e).with_context(|| format!("cannot write {}", dir.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("kg-atomic-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn a_failed_folder_leaves_nothing_behind() {
        let root = scratch("fail");
        let out = root.join("tables");
        let result = write_folder(&out, false, |dir| {
            std::fs::write(dir.join("a.csv"), "a\r\n")?;
            bail!("the second table failed")
        });
        assert!(result.is_err());
        let left: Vec<_> = std::fs::read_dir(&root).expect("root").collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn a_folder_is_replaced_only_with_force() {
        let root = scratch("force");
        let out = root.join("tables");
        std::fs::create_dir(&out).expect("dir");
        std::fs::write(out.join("old.csv"), "old").expect("file");
        let refused = write_folder(&out, false, |_| Ok(())).expect_err("refused");
        assert!(refused.to_string().contains("--force"), "{refused}");
        assert!(out.join("old.csv").exists());
        write_folder(&out, true, |dir| {
            Ok(std::fs::write(dir.join("new.csv"), "new")?)
        })
        .expect("replaced");
        assert!(out.join("new.csv").exists() && !out.join("old.csv").exists());
        let names: Vec<_> = std::fs::read_dir(&root)
            .expect("root")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["tables"]);
    }
}
