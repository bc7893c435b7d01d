//! Windows builds get the program's icon and version information inside eduplan.exe.
//! (The build script runs on the host, so the target is read from Cargo's environment.)

fn main() {
    println!("cargo:rerun-if-changed=assets/eduplan.ico");
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut res = winresource::WindowsResource::new();
    if std::env::var("HOST").is_ok_and(|h| !h.contains("windows")) {
        res.set_toolkit_path("/usr/bin")
            .set_windres_path("x86_64-w64-mingw32-windres")
            .set_ar_path("x86_64-w64-mingw32-ar");
    }
    res.set_icon("assets/eduplan.ico")
        .set("ProductName", "EduPlan 教育规划工作台")
        .set("FileDescription", "EduPlan 教育规划工作台")
        .set("CompanyName", "EduPlan")
        .set("LegalCopyright", "EduPlan")
        .set_language(0x0804); // 中文（简体，中国）
    if let Err(e) = res.compile() {
        println!("cargo:warning=无法嵌入Windows资源（图标、版本信息）：{e}");
        std::process::exit(1);
    }
}
