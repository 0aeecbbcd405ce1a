# frozen_string_literal: true

require "fileutils"
require "open3"
require "rbconfig"
require "tmpdir"
require_relative "test_helper"

# Finding libchatwoot_identity, and refusing a library of another C ABI.
class LibraryTest < Minitest::Test
  include TestSupport

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
      source = File.join(dir, "stub.c")
      other = LOADER::ABI_VERSION + 1
      File.write(source, "unsigned int cw_abi_version(void) { return #{other}; }\n")
      _out, err, status = Open3.capture3("cc", "-shared", "-fPIC", "-o", stub, source)
      assert status.success?, "cc is required for this test (the project's toolchain has it): #{err}"
      error = assert_raises(LoadError) { LOADER.open([["stub", stub]]) }
      assert_includes error.message, "it implements C ABI #{other}, this gem needs ABI #{LOADER::ABI_VERSION}"
    end
  end

  def test_a_library_without_the_symbol_is_refused
    error = assert_raises(LoadError) { LOADER.open([["libc", "libc.so.6"]]) }
    assert_match(/cw_abi_version/, error.message)
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

  def ruby_subprocess(env, code)
    out, status = Open3.capture2e(env, RbConfig.ruby, "-I", LIB_DIR, "-e", code)
    [out, status]
  end
end
