fn main() -> std::process::ExitCode {
    sellerhealth::app::main_with_args(std::env::args_os())
}
