# frozen_string_literal: true

require_relative "test_helper"

# Target detection with its inputs faked: which prebuilt library (and platform gem) a machine gets.
class TargetTest < Minitest::Test
  TARGET = ChatwootIdentity::Target
  GLIBC_MAPS = "7f00-7f10 r-xp 00000000 08:01 42 /usr/lib/x86_64-linux-gnu/libc.so.6\n"
  MUSL_MAPS = "7f00-7f10 r-xp 00000000 08:01 42 /lib/ld-musl-aarch64.so.1\n"

  def test_machines_and_c_libraries
    {
      ["linux-gnu", "x86_64", GLIBC_MAPS] => "linux-x86_64-gnu",
      ["linux", "amd64", nil] => "linux-x86_64-gnu",
      ["linux-gnu", "aarch64", ""] => "linux-aarch64-gnu",
      ["linux", "arm64", GLIBC_MAPS] => "linux-aarch64-gnu",
      ["linux-musl", "x86_64", ""] => "linux-x86_64-musl",
      ["linux", "aarch64", MUSL_MAPS] => "linux-aarch64-musl",
      ["linux", "x86_64", "7f00 r-xp 0 08:01 42 /lib/libc.musl-x86_64.so.1\n"] => "linux-x86_64-musl",
      ["darwin23", "arm64", nil] => "macos-arm64",
      ["darwin22.6.0", "x86_64", nil] => "macos-x86_64",
      ["mingw32", "x64", nil] => "windows-x86_64",
      ["mingw-ucrt", "x86_64", nil] => "windows-x86_64",
      ["mingw32", "aarch64", nil] => "windows-arm64",
      ["mswin64_140", "x64", nil] => "windows-x86_64",
      ["freebsd14.0", "amd64", nil] => "freebsd-x86_64",
      ["linux-gnu", "riscv64", ""] => "linux-riscv64-gnu"
    }.each do |(host_os, host_cpu, maps), expected|
      assert_equal expected, TARGET.detect(host_os: host_os, host_cpu: host_cpu, maps: maps), [host_os, host_cpu].inspect
    end
  end

  # musl's loader installed on a glibc system (Debian's musl package) is not a musl process.
  def test_a_musl_file_on_disk_is_not_enough
    assert_equal "linux-x86_64-gnu", TARGET.detect(host_os: "linux-gnu", host_cpu: "x86_64", maps: GLIBC_MAPS)
  end

  def test_this_machine
    assert_match(/\Alinux-(x86_64|aarch64)-(gnu|musl)\z/, TARGET.detect)
    assert_equal TARGET.detect, TARGET.detect(maps: File.read("/proc/self/maps"))
  end

  def test_platforms_follow_rubygems_naming
    assert_equal({ "linux-x86_64-gnu" => "x86_64-linux", "linux-aarch64-gnu" => "aarch64-linux",
                   "linux-x86_64-musl" => "x86_64-linux-musl", "linux-aarch64-musl" => "aarch64-linux-musl",
                   "macos-arm64" => "arm64-darwin", "macos-x86_64" => "x86_64-darwin",
                   "windows-x86_64" => "x64-mingw-ucrt", "windows-arm64" => "aarch64-mingw-ucrt" },
                 TARGET::PLATFORMS)
    TARGET::PLATFORMS.each_value { |platform| assert_equal platform, Gem::Platform.new(platform).to_s }
    assert_nil TARGET.platform("freebsd-x86_64")
  end

  # The table is targets.toml's (generated): every target there has its platform here.
  def test_every_manifest_target_has_a_platform
    manifest = File.read(File.join(TestSupport::REPO, "targets.toml"))
    names = manifest.scan(/^\[targets\.([^\]]+)\]/).flatten
    assert_equal names, TARGET::PLATFORMS.keys
    names.each do |name|
      gem = manifest[/^\[targets\.#{Regexp.escape(name)}\].*?^gem = "([^"]+)"/m, 1]
      assert_equal gem, TARGET.platform(name), name
    end
  end

  def test_library_file_names_per_platform
    assert_equal "libchatwoot_identity.so", TARGET.library_file("linux-aarch64-musl")
    assert_equal "libchatwoot_identity.dylib", TARGET.library_file("macos-arm64")
    assert_equal "libchatwoot_identity.dylib", TARGET.library_file("macos-x86_64")
    assert_equal "chatwoot_identity.dll", TARGET.library_file("windows-x86_64")
    assert_equal "chatwoot_identity.dll", TARGET.library_file("windows-arm64")
    assert_equal [:macho, "aarch64"], TARGET.binary("macos-arm64")
    assert_equal [:pe, "x86_64"], TARGET.binary("windows-x86_64")
    assert_equal [:elf, "x86_64"], TARGET.binary("linux-x86_64-gnu")
  end

  # The loader looks for the platform's own file name in the gem's folder for that target.
  def test_the_loader_picks_dylib_and_dll_by_platform
    loader = ChatwootIdentity::Library
    {
      { host_os: "darwin23", host_cpu: "arm64", maps: nil } => "native/macos-arm64/libchatwoot_identity.dylib",
      { host_os: "darwin21", host_cpu: "x86_64", maps: nil } => "native/macos-x86_64/libchatwoot_identity.dylib",
      { host_os: "mingw-ucrt", host_cpu: "x64", maps: nil } => "native/windows-x86_64/chatwoot_identity.dll",
      { host_os: "mingw-ucrt", host_cpu: "aarch64", maps: nil } => "native/windows-arm64/chatwoot_identity.dll"
    }.each do |fake, path|
      target = TARGET.detect(**fake)
      places = loader.candidates({}, target: target, gem_dir: "/gem/lib/chatwoot_identity", checkout_root: "/nowhere")
      assert_equal "/gem/lib/chatwoot_identity/#{path}", places[0][1], fake.inspect
      assert_equal File.basename(path), places[1][1], "the system library path, by the platform's name"
    end
  end

  # A machine without a prebuilt library: the error names what was looked for.
  def test_an_unknown_platform_fails_naming_what_was_looked_for
    target = TARGET.detect(host_os: "freebsd14.0", host_cpu: "amd64", maps: nil)
    # (the system library path is left out: this process has already loaded the library)
    places = ChatwootIdentity::Library.candidates({}, target: target, gem_dir: "/gem/lib/chatwoot_identity", checkout_root: "/nowhere").first(1)
    error = assert_raises(ChatwootIdentity::LibraryLoadError) { ChatwootIdentity::Library.open(places, target: target) }
    assert_includes error.message, "for freebsd-x86_64"
    assert_includes error.message, "/gem/lib/chatwoot_identity/native/freebsd-x86_64/libchatwoot_identity.so"
    assert_includes error.message, "no prebuilt gem for freebsd-x86_64"
  end
end
