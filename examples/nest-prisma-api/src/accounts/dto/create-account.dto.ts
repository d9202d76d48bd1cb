import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

export class CreateAccountDto {
  // Emails are compared case-insensitively by people, so store one spelling and let the unique
  // index catch "Ada@x.io" after "ada@x.io".
  @Transform(({ value }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100)
  name!: string;

  // Upper bound keeps a hostile client from making argon2 hash megabytes.
  @IsString()
  @Length(12, 128)
  password!: string;
}
