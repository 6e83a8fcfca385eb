/// Large blocks on huge pages: a third of a large comparison's time was page
/// faults (src/alloc.rs; Linux only, elsewhere the system's allocator).
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: gavel::alloc::Allocator = gavel::alloc::Allocator;

fn main() -> std::process::ExitCode {
    #[cfg(target_os = "linux")]
    gavel::alloc::tune();
    gavel::cli::main()
}
