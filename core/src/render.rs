pub fn text(_r: &crate::Report) -> String {
    String::new()
}
