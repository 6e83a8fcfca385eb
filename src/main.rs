/// Large blocks on huge pages: a third of a large comparison's time was page faults (src/alloc.rs).
#[global_allocator]
static ALLOCATOR: gavel::alloc::Allocator = gavel::alloc::Allocator;

fn main() -> std::process::ExitCode {
    gavel::alloc::tune();
    gavel::cli::main()
}
