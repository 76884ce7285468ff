# The official Odoo 19 image with the Python packages and OCA modules our addons need.
# Used by docker-compose.yml; the addons themselves are mounted, not copied.
FROM odoo:19
USER root
COPY requirements.txt /tmp/b2b-requirements.txt
# The image's Odoo comes from Debian packages; pip adds only what it lacks, beside it.
RUN pip3 install --no-cache-dir --break-system-packages -r /tmp/b2b-requirements.txt \
    && rm /tmp/b2b-requirements.txt
USER odoo
