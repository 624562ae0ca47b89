fn main() {
    let b = ci_errors_codegen::Builder::new()
        .spec("../spec/error-codes.md")
        .xml_runtime("crate::xml");
    match b.generate() {
        Ok(g) => {
            eprint!("{}", g.rendered_warnings());
            print!("{}", g.source)
        }
        Err(e) => eprintln!("{e}"),
    }
}
