# frozen_string_literal: true

require "fileutils"
require "open3"
require "rbconfig"
require "tmpdir"
require_relative "test_helper"
require_relative "support/binaries"

# Finding libchatwoot_identity, and refusing a library of another C ABI.
class LibraryTest < Minitest::Test
  include TestSupport
  include Binaries

  LIB_DIR = File.expand_path("../lib", __dir__)
  LOADER = ChatwootIdentity::Library

  def test_library_version_matches_the_header
    header = File.read(File.join(REPO, "include", "chatwoot_identity.h"))
    assert_equal header[/#define CW_VERSION "([^"]+)"/, 1], ChatwootIdentity.library_version
    assert_equal Integer(header[/#define CW_ABI_VERSION (\d+)/, 1]), LOADER::ABI_VERSION
  end

  def test_library_path_is_a_loaded_file
    assert File.file?(ChatwootIdentity.library_path), ChatwootIdentity.library_path
  end

  def test_gemspec_packages_every_library_file
    spec = Dir.chdir(File.expand_path("..", __dir__)) { Gem::Specification.load("chatwoot_identity.gemspec") }
    assert_equal "chatwoot_identity", spec.name
    assert_equal ChatwootIdentity::VERSION, spec.version.to_s
    lib_files = Dir.chdir(File.expand_path("..", __dir__)) { Dir["lib/**/*.rb"] }
    assert_empty lib_files - spec.files
    assert_includes spec.files, "README.md"
  end

  def test_gem_builds_offline
    Dir.mktmpdir do |dir|
      output = File.join(dir, "chatwoot_identity.gem")
      out, status = Open3.capture2e("gem", "build", "chatwoot_identity.gemspec", "--output", output,
                                    chdir: File.expand_path("..", __dir__))
      assert status.success?, out
      assert File.size?(output), out
    end
  end

  def test_search_order_in_a_checkout
    places = LOADER.candidates({}, target: "linux-x86_64-gnu")
    assert_equal ["bundled in the gem for linux-x86_64-gnu", "the system library path", "this repository's cargo build"],
                 places.map(&:first)
    assert_equal File.join(LIB_DIR, "chatwoot_identity", "native", "linux-x86_64-gnu", LOADER::FILE_NAME), places[0][1]
    assert_equal "libchatwoot_identity.so.0", places[1][1]
    assert_equal File.join(REPO, "target", "release", LOADER::FILE_NAME), places[2][1]
  end

  # An installed gem (no gemspec or Cargo.toml around it) never looks into a checkout.
  def test_an_installed_gem_never_searches_a_checkout
    Dir.mktmpdir do |dir|
      gem_dir = File.join(dir, "gems", "chatwoot_identity-0.1.0-x86_64-linux", "lib", "chatwoot_identity")
      FileUtils.mkdir_p(gem_dir)
      File.write(File.join(dir, "gems", "Cargo.toml"), "") # even a stray Cargo.toml above it
      places = LOADER.candidates({}, target: "linux-aarch64-musl", gem_dir: gem_dir,
                                     checkout_root: File.expand_path("../../../..", gem_dir))
      assert_equal [["bundled in the gem for linux-aarch64-musl", File.join(gem_dir, "native", "linux-aarch64-musl", LOADER::FILE_NAME)],
                    ["the system library path", "libchatwoot_identity.so.0"]], places
    end
    refute LOADER.checkout?(File.join(REPO, "lib"), REPO)
    assert LOADER.checkout?(File.join(LIB_DIR, "chatwoot_identity"), REPO)
  end

  def test_the_environment_variable_is_the_only_place_when_set
    assert_equal [["$CHATWOOT_IDENTITY_LIB", "/opt/x.so"]], LOADER.candidates({ "CHATWOOT_IDENTITY_LIB" => "/opt/x.so" })
    assert_equal 3, LOADER.candidates({ "CHATWOOT_IDENTITY_LIB" => "" }).size, "an empty value is unset"
  end

  def test_load_error_names_the_target_and_every_place_tried
    places = [["first place", "/nonexistent/a/libchatwoot_identity.so"],
              ["second place", "/nonexistent/b/libchatwoot_identity.so"],
              ["loader path", "libchatwoot_identity_does_not_exist.so.0"]]
    error = assert_raises(LoadError) { LOADER.open(places, target: "linux-aarch64-musl") }
    places.each do |where, path|
      assert_includes error.message, "#{path} (#{where})"
    end
    assert_includes error.message, "for linux-aarch64-musl"
    assert_includes error.message, "platform aarch64-linux-musl"
    assert_includes error.message, "no such file"
    assert_includes error.message, "CHATWOOT_IDENTITY_LIB"
  end

  # A platform gem installed on the wrong machine (old RubyGems does not tell musl from glibc)
  # holds another target's folder: the error says which target was looked for.
  def test_a_gem_for_another_target_gives_an_error_naming_both
    Dir.mktmpdir do |dir|
      FileUtils.mkdir_p(File.join(dir, "native", "linux-x86_64-gnu"))
      FileUtils.cp(ChatwootIdentity.library_path, File.join(dir, "native", "linux-x86_64-gnu", LOADER::FILE_NAME))
      places = LOADER.candidates({}, target: "linux-x86_64-musl", gem_dir: dir, checkout_root: dir).first(1)
      error = assert_raises(LoadError) { LOADER.open(places, target: "linux-x86_64-musl") }
      assert_includes error.message, "native/linux-x86_64-musl/#{LOADER::FILE_NAME} (bundled in the gem for linux-x86_64-musl): no such file"
    end
  end

  def test_a_library_of_another_abi_is_refused
    Dir.mktmpdir do |dir|
      stub = File.join(dir, "libchatwoot_identity.so")
      other = LOADER::ABI_VERSION + 1
      compile_stub(dir, "unsigned int cw_abi_version(void) { return #{other}; }\n")
      error = assert_raises(LoadError) { LOADER.open([["stub", stub]]) }
      assert_includes error.message, "it implements C ABI #{other}, this gem needs ABI #{LOADER::ABI_VERSION}"
    end
  end

  def test_a_library_without_the_symbols_is_the_typed_load_error
    error = assert_raises(ChatwootIdentity::LibraryLoadError) { LOADER.open([["libc", "libc.so.6"]]) }
    assert_kind_of LoadError, error
    assert_includes error.message, "libc.so.6 (libc): it lacks all #{ChatwootIdentity::Signatures::FUNCTIONS.size} functions"
    assert_includes error.message, "it is another library or an older build"
  end

  # The right ABI number but some functions missing: a LibraryLoadError naming them, never a
  # raw Fiddle::DLError when Native binds them.
  def test_a_library_lacking_some_functions_is_the_typed_load_error
    Dir.mktmpdir do |dir|
      stub = compile_stub(dir, "unsigned int cw_abi_version(void) { return #{LOADER::ABI_VERSION}; }\n" \
                               "const char *cw_version(void) { return \"0\"; }\n")
      error = assert_raises(ChatwootIdentity::LibraryLoadError) { LOADER.open([["stub", stub]]) }
      refute_kind_of Fiddle::DLError, error
      assert_includes error.message, "#{stub} (stub): it lacks #{ChatwootIdentity::Signatures::FUNCTIONS.size - 2} of the " \
                                     "#{ChatwootIdentity::Signatures::FUNCTIONS.size} functions of libchatwoot_identity (cw_identifier_hash"
      out, status = ruby_subprocess({ "CHATWOOT_IDENTITY_LIB" => stub },
                                    'begin; require "chatwoot_identity"; rescue ChatwootIdentity::LibraryLoadError => e; puts e.message; exit 3; end')
      assert_equal 3, status.exitstatus, out
      assert_includes out, "($CHATWOOT_IDENTITY_LIB): it lacks"
    end
  end

  # Each bad file: the typed load error naming the path, what is wrong and what to do, before
  # the system loader ever maps it (a truncated copy used to die of SIGBUS, a FIFO to hang).
  def test_damaged_and_non_regular_library_paths_are_refused_with_the_reason
    Dir.mktmpdir do |dir|
      good = File.binread(ChatwootIdentity.library_path)
      bad = {
        "truncated.so" => [good.byteslice(0, good.bytesize / 2), /truncated or damaged: reinstall the gem/],
        "headers-only.so" => [good.byteslice(0, 4096), /truncated or damaged/],
        "ident-only.so" => [good.byteslice(0, 20), /ELF header is incomplete: the file ends at byte 20/],
        "empty.so" => ["", /the file is empty/],
        "text.so" => ["this is not a library\n", /not a shared library \(no ELF, Mach-O or PE header\)/],
        "wrong-machine.so" => [good.dup.tap { |b| b.setbyte(18, 183) && b.setbyte(19, 0) }, /built for aarch64, this process is x86_64: install the gem built for this machine/],
        "elf32.so" => [good.dup.tap { |b| b.setbyte(4, 1) }, /32-bit ELF file/],
        "macho.so" => ["\xcf\xfa\xed\xfe".b + "\0".b * 60, %r{it is a Mach-O dylib \(macOS\), but this process loads an ELF shared object}],
        "pe.so" => ["MZ".b + "\0".b * 200, /it is a PE DLL \(Windows\)/]
      }
      bad.each { |name, (bytes, _)| File.binwrite(File.join(dir, name), bytes) }
      File.mkfifo(File.join(dir, "fifo.so"))
      Dir.mkdir(File.join(dir, "dir.so"))
      File.symlink(File.join(dir, "loop-b.so"), File.join(dir, "loop-a.so"))
      File.symlink(File.join(dir, "loop-a.so"), File.join(dir, "loop-b.so"))
      expected = bad.transform_values(&:last).merge(
        "fifo.so" => /it is a FIFO \(named pipe\), not a regular file: point at the library file itself/,
        "dir.so" => /it is a directory, not a library file/,
        "loop-a.so" => /it is a symbolic link loop: fix or remove the link/,
        "missing.so" => /: no such file/
      )
      expected.each do |name, pattern|
        path = File.join(dir, name)
        if machine_is?("x86_64") || !name.start_with?("wrong-machine")
          error = assert_raises(ChatwootIdentity::LibraryLoadError, name) { LOADER.open([["test", path]]) }
          line = error.message.lines.find { |l| l.include?(path) }
          assert line, "#{name}: the message names the path: #{error.message}"
          assert_match pattern, line, name
          assert_includes error.message, "CHATWOOT_IDENTITY_LIB", "#{name}: what to do"
        end
      end
      # The same through require, in a child process: a typed error, no signal, no hang.
      %w[truncated.so fifo.so].each do |name|
        out, status = ruby_subprocess({ "CHATWOOT_IDENTITY_LIB" => File.join(dir, name) },
                                      'begin; require "chatwoot_identity"; rescue ChatwootIdentity::LibraryLoadError => e; puts e.message; exit 3; end')
        assert_equal 3, status.exitstatus, "#{name}: #{out}"
      end
    end
  end

  # The other platforms' formats: a whole library is accepted, a cut one refused (headers
  # built here, so this runs on Linux without the macOS and Windows artifacts).
  def test_macho_and_pe_headers_are_checked_too
    check = ChatwootIdentity::LibraryFile
    macho = macho_dylib(0x0100000c)
    assert_nil check.problem(write_tmp(macho), format: :macho, machine: "aarch64")
    assert_match(/built for x86_64, this process is aarch64/, check.problem(write_tmp(macho_dylib(0x01000007)), format: :macho, machine: "aarch64"))
    assert_match(/a Mach-O segment lies past the end of the file/, check.problem(write_tmp(macho.byteslice(0, 200)), format: :macho, machine: "aarch64"))
    fat = [0xcafebabe, 2].pack("NN") + [0x01000007, 3, 4096, macho.bytesize, 12].pack("N5") +
          [0x0100000c, 0, 8192, macho.bytesize, 12].pack("N5")
    fat = fat.ljust(4096, "\0") + macho_dylib(0x01000007).ljust(4096, "\0") + macho
    assert_nil check.problem(write_tmp(fat), format: :macho, machine: "aarch64")
    assert_match(/a slice of the universal file lies past the end/, check.problem(write_tmp(fat.byteslice(0, 9000)), format: :macho, machine: "aarch64"))
    pe = pe_dll(0x8664)
    assert_nil check.problem(write_tmp(pe), format: :pe, machine: "x86_64")
    assert_match(/built for aarch64, this process is x86_64/, check.problem(write_tmp(pe_dll(0xaa64)), format: :pe, machine: "x86_64"))
    assert_match(/PE section 0 lies past the end of the file/, check.problem(write_tmp(pe.byteslice(0, 1000)), format: :pe, machine: "x86_64"))
  end

  def test_require_fails_with_a_load_error_for_a_bad_environment_variable
    out, status = ruby_subprocess({ "CHATWOOT_IDENTITY_LIB" => "/nonexistent/libchatwoot_identity.so" },
                                  'begin; require "chatwoot_identity"; rescue LoadError => e; puts e.message; exit 3; end')
    assert_equal 3, status.exitstatus, out
    assert_includes out, "/nonexistent/libchatwoot_identity.so ($CHATWOOT_IDENTITY_LIB): no such file"
  end

  def test_require_finds_the_library_without_the_environment_variable
    out, status = ruby_subprocess({ "CHATWOOT_IDENTITY_LIB" => nil },
                                  'require "chatwoot_identity"; puts ChatwootIdentity.library_path; ' \
                                  'puts ChatwootIdentity.identifier_hash("your-secret-token-for-hmac", "unique-identifier-of-the-user")')
    assert status.success?, out
    path, hash = out.lines.map(&:chomp)
    assert_includes LOADER.candidates({}).map(&:last), path
    assert_equal DOCUMENTED_HASH, hash
  end

  private

  def compile_stub(dir, code)
    stub = File.join(dir, "libchatwoot_identity.so")
    source = File.join(dir, "stub.c")
    File.write(source, code)
    _out, err, status = Open3.capture3("cc", "-shared", "-fPIC", "-o", stub, source)
    assert status.success?, "cc is required for this test (the project's toolchain has it): #{err}"
    stub
  end

  def machine_is?(arch)
    ChatwootIdentity::Target.detect.split("-")[1] == arch
  end

  def write_tmp(bytes)
    @tmp ||= Dir.mktmpdir.tap { |dir| at_exit { FileUtils.rm_rf(dir) } }
    path = File.join(@tmp, "lib#{bytes.hash.abs}.bin")
    File.binwrite(path, bytes)
    path
  end

  def ruby_subprocess(env, code)
    out, status = Open3.capture2e(env, RbConfig.ruby, "-I", LIB_DIR, "-e", code)
    [out, status]
  end
end
