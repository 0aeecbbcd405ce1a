# frozen_string_literal: true

require "open3"
require "rbconfig"
require "tmpdir"
require_relative "test_helper"
require_relative "support/binaries"

# Platform gems for macOS and Windows, built by build-gem.sh and checked by the same
# test-dist/check_platform_gem.rb that `make test-dist` runs (platform tag, the one library under
# its platform's name, its header, and the loader's choice with RbConfig faked). The libraries
# are synthetic headers here; `make dist` packages dist-libs' real ones the same way.
class PackagingTest < Minitest::Test
  include Binaries

  HERE = File.expand_path("..", __dir__)
  PLATFORMS = { "macos-arm64" => ["arm64-darwin", -> { macho_dylib(0x0100000c) }],
                "macos-x86_64" => ["x86_64-darwin", -> { macho_dylib(0x01000007) }],
                "windows-x86_64" => ["x64-mingw-ucrt", -> { pe_dll(0x8664) }],
                "windows-arm64" => ["aarch64-mingw-ucrt", -> { pe_dll(0xaa64) }] }.freeze

  def build_and_check(dir, target, platform, bytes)
    lib_dir = File.join(dir, "lib", target)
    FileUtils.mkdir_p(lib_dir)
    library = File.join(lib_dir, ChatwootIdentity::Target.library_file(target))
    File.binwrite(library, bytes)
    out, status = Open3.capture2e(File.join(HERE, "build-gem.sh"), File.join(dir, "out"), target, library)
    assert status.success?, out
    gem_file = File.join(dir, "out", "chatwoot_identity-#{ChatwootIdentity::VERSION}-#{platform}.gem")
    assert File.file?(gem_file), "#{target}: #{Dir[File.join(dir, 'out', '*')]}"
    unpacked = File.join(dir, "unpacked", platform)
    FileUtils.mkdir_p(unpacked)
    out, status = Open3.capture2e("sh", "-c", 'tar -xOf "$1" data.tar.gz | tar -xz -C "$2"', "sh", gem_file, unpacked)
    assert status.success?, out
    Open3.capture2e(RbConfig.ruby, File.join(HERE, "test-dist", "check_platform_gem.rb"), gem_file, unpacked, target, platform)
  end

  def test_macos_and_windows_platform_gems
    Dir.mktmpdir do |dir|
      PLATFORMS.each do |target, (platform, bytes)|
        out, status = build_and_check(dir, target, platform, instance_exec(&bytes))
        assert status.success?, out
        assert_includes out, "platform #{platform}, #{ChatwootIdentity::Target.binary(target).join(' ')}, detected as #{target}"
      end
    end
  end

  # The check is real: a gem carrying the other Mac's library fails it.
  def test_a_gem_with_the_wrong_machine_fails_the_check
    Dir.mktmpdir do |dir|
      out, status = build_and_check(dir, "macos-arm64", "arm64-darwin", macho_dylib(0x01000007))
      refute status.success?
      assert_includes out, "it is built for x86_64, this process is aarch64"
    end
  end
end
