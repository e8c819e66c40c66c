from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("workspaces", "0004_mail_delivery"),
    ]

    operations = [
        migrations.AddField(
            model_name="mailing",
            name="link",
            field=models.CharField(default="", max_length=200),
            preserve_default=False,
        ),
    ]
