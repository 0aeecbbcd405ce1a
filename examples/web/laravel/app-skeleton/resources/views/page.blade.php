<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>{{ $title }}</title></head><body>
@chatwootWidget
</body></html>
