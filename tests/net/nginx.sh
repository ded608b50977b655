#!/usr/bin/env bash
# Starts nginx on a free loopback port serving WEBROOT with the site settings of deploy/nginx.
#   nginx.sh start DIR WEBROOT   → prints the port; logs in DIR/access.log
#   nginx.sh stop DIR
# With TLS_CERT and TLS_KEY (PEM files) it serves HTTPS with HTTP/2 instead.
set -euo pipefail
cmd=$1
dir=$2
case $cmd in
start)
    webroot=$3
    nginx=$(command -v nginx || echo /usr/sbin/nginx)
    [[ -x $nginx ]] || { echo "nginx is not installed (deploy/install-deps.sh --test)" >&2; exit 1; }
    mkdir -p "$dir"
    for attempt in $(seq 1 20); do
        port=$((20000 + RANDOM % 20000))
        listen="listen 127.0.0.1:$port;"
        [[ -n ${TLS_CERT:-} ]] && listen="listen 127.0.0.1:$port ssl http2; ssl_certificate $TLS_CERT; ssl_certificate_key $TLS_KEY;"
        cat >"$dir/nginx.conf" <<CONF
user root;
worker_processes 1;
daemon on;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 64; }
http {
    log_format kiosk '\$remote_addr [\$time_local] "\$request" \$status \$bytes_sent '
                     'display="\$http_x_kiosk_display" version="\$http_x_kiosk_version" "\$http_user_agent"';
    access_log $dir/access.log kiosk;
    client_body_temp_path $dir/tmp;
    proxy_temp_path $dir/tmp;
    fastcgi_temp_path $dir/tmp;
    uwsgi_temp_path $dir/tmp;
    scgi_temp_path $dir/tmp;
    server {
        $listen
        root $webroot;
        etag on;
        default_type application/octet-stream;
        location /objects/ { add_header Cache-Control "public, max-age=31536000, immutable"; }
        location /channels/ { add_header Cache-Control "no-cache"; }
        location /feeds/ { add_header Cache-Control "no-cache"; }
        # Faults for the tests: a channel that always fails, and one served a few bytes a second.
        location ^~ /channels/http500/ { return 500; }
        location ^~ /channels/unavailable/ { add_header Retry-After 4 always; return 503; }
        location ^~ /slow/ { alias $webroot/; limit_rate ${LIMIT_RATE:-100}; }
        location / { return 404; }
    }
}
CONF
        mkdir -p "$dir/tmp"
        if "$nginx" -c "$dir/nginx.conf" -p "$dir" 2>"$dir/start.err"; then
            echo "$port"
            exit 0
        fi
    done
    cat "$dir/start.err" >&2
    exit 1
    ;;
stop)
    if [[ -f $dir/nginx.pid ]]; then
        kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
        for _ in $(seq 1 50); do [[ -f $dir/nginx.pid ]] || break; sleep 0.1; done
    fi
    ;;
esac
