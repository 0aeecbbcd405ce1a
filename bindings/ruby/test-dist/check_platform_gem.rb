# frozen_string_literal: true

# check_platform_gem.rb GEM UNPACKED TARGET PLATFORM: the gem's platform, its one library (format,
# machine, whole file; for ELF also the C library and SONAME), and that the unpacked gem's
# loader, with the detection inputs faked for TARGET's machine, detects TARGET and looks first
# at that library.
require "open3"
require "rbconfig"
require "rubygems/package"

gem_file, unpacked, target, platform = ARGV
fail_with = ->(message) { abort "#{File.basename(gem_file)}: #{message}" }

$LOAD_PATH.unshift(File.join(unpacked, "lib"))
require "chatwoot_identity/target"
require "chatwoot_identity/library_file"

spec = Gem::Package.new(gem_file).spec
fail_with.("platform is #{spec.platform}, expected #{platform}") unless spec.platform.to_s == platform
fail_with.("RubyGems reads #{platform} as #{Gem::Platform.new(platform)}") unless Gem::Platform.new(platform).to_s == platform

file = ChatwootIdentity::Target.library_file(target)
expected = "lib/chatwoot_identity/native/#{target}/#{file}"
libraries = Dir.glob("lib/chatwoot_identity/native/**/*", base: unpacked).select { |f| File.file?(File.join(unpacked, f)) }
fail_with.("libraries #{libraries.inspect}, expected only #{expected}") unless libraries == [expected]
library = File.join(unpacked, expected)

# The gem's own header parser: the format and machine this target's Ruby loads, and every
# segment/section inside the file.
format, machine = ChatwootIdentity::Target.binary(target)
problem = ChatwootIdentity::LibraryFile.problem(library, format: format, machine: machine)
fail_with.("#{expected}: #{problem}") if problem
details = "#{format} #{machine}"

readelf = system("readelf --version", out: File::NULL, err: File::NULL)
fail_with.("readelf is required on Linux (Debian: binutils)") if !readelf && RbConfig::CONFIG["host_os"].include?("linux")
if format == :elf && readelf
  dynamic, = Open3.capture2("readelf", "-d", library)
  needed = dynamic.scan(/\(NEEDED\)\s+Shared library: \[(.+?)\]/).flatten
  want_libc = target.end_with?("-musl") ? "libc.so" : "libc.so.6"
  fail_with.("needs #{needed.inspect}, expected #{want_libc}") unless needed.include?(want_libc)
  fail_with.("a musl library must not need glibc") if target.end_with?("-musl") && needed.include?("libc.so.6")
  soname = dynamic[/\(SONAME\)\s+Library soname: \[(.+?)\]/, 1]
  fail_with.("SONAME #{soname.inspect}, expected libchatwoot_identity.so.0") unless soname == "libchatwoot_identity.so.0"
  details += ", needs #{needed.join(' ')}"
end

# Target detection with this target's inputs faked (as RbConfig and /proc/self/maps would show them).
arch = target.split("-")[1]
fakes = case target
        when /-musl\z/
          [{ host_os: "linux-musl", host_cpu: arch, maps: "" },
           { host_os: "linux", host_cpu: arch, maps: "7f0000 r-xp 00000000 08:01 12 /lib/ld-musl-#{arch}.so.1\n" }]
        when /\Alinux-/
          [{ host_os: "linux-gnu", host_cpu: arch, maps: "7f0000 r-xp 00000000 08:01 12 /usr/lib/#{arch}-linux-gnu/libc.so.6\n" },
           { host_os: "linux", host_cpu: arch == "aarch64" ? "arm64" : "amd64", maps: nil }]
        when /\Amacos-/
          # RbConfig on macOS: host_os "darwin23", host_cpu "arm64" (Apple) or "x86_64".
          [{ host_os: "darwin23", host_cpu: arch, maps: nil }, { host_os: "darwin19.6.0", host_cpu: arch == "arm64" ? "aarch64" : arch, maps: nil }]
        else
          # RubyInstaller: host_os "mingw32" / "mingw-ucrt", host_cpu "x64" or "aarch64".
          [{ host_os: "mingw-ucrt", host_cpu: arch == "x86_64" ? "x64" : "aarch64", maps: nil },
           { host_os: "mingw32", host_cpu: arch == "x86_64" ? "x86_64" : "arm64", maps: nil }]
        end
fakes.each do |fake|
  detected = ChatwootIdentity::Target.detect(**fake)
  fail_with.("detect(#{fake}) gave #{detected}, expected #{target}") unless detected == target
end
# The loader itself (Fiddle is loaded, the library is not opened): its first place is this gem's library.
require "chatwoot_identity/library"
first = ChatwootIdentity::Library.candidates({}, target: target, gem_dir: File.join(unpacked, "lib", "chatwoot_identity")).first
fail_with.("the loader looks first at #{first.inspect}") unless File.expand_path(first[1]) == File.expand_path(library)
puts "#{File.basename(gem_file)}: platform #{platform}, #{details}, detected as #{target} (#{File.size(gem_file)} bytes)"
